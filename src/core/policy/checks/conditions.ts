// Condition blocks: their operators and keys, whether a key exists, and keys that need a partner. The values under each key are checked in conditionValueChecks.ts.
import { editDistance } from '../actions';
import type { ConditionKeyInfo } from '../catalog';
import type { LintContext, StatementContext } from '../context';
import type { ParsedConditionKey, ParsedConditionOperator } from '../parse';
import type { Target } from '../report';
import { reportRetired } from './retired';
import { CONDITION_OPERATORS, parseConditionOperator, type ConditionOperatorInfo } from './conditionOperators';
import { checkValues, keyTarget, mixedJsonTypes } from './conditionValueChecks';

const TAG_KEY_PREFIXES = ['aws:requesttag', 'aws:resourcetag', 'aws:principaltag'];

/** Prefixes of identity providers' keys (token.actions.githubusercontent.com, saml, …), not service prefixes. */
export function isFederatedKey(prefix: string): boolean {
  return prefix.includes('.') || prefix.includes('/') || prefix === 'saml' || prefix === 'cognito-identity';
}

/** Condition operators, keys, value types and the qualifiers they need. */
export function checkConditions(ctx: LintContext): void {
  for (let s = 0; s < ctx.statements.length; s++) {
    const sc = ctx.statements[s];
    if (!sc.st.condition || sc.st.condition.valueNode.type !== 'object') continue;
    if ((sc.st.condition.valueNode.children?.length ?? 0) === 0) {
      ctx.r.add('EMPTY_OBJECT_CONDITION', 'This condition block is empty and it does not affect the policy. Specify conditions.', [{ path: sc.st.condition.path, node: sc.st.condition.valueNode }], { remove: true, title: { kind: 'removeEmptyCondition' } });
      continue;
    }
    for (let o = 0; o < sc.st.conditions.length; o++) {
      const op = sc.st.conditions[o];
      checkOperator(ctx, sc, op);
    }
    checkPairedKeys(ctx, sc);
  }
}

/** Keys Access Analyzer wants paired with related keys in the same Condition block, and those keys. */
const PAIRED_KEYS = new Map<string, string[]>([['aws:vpcsourceip', ['aws:SourceVPC', 'aws:SourceVPCE']]]);

/**
 * An Allow that trusts aws:VpcSourceIp alone: the same private range exists in every VPC, so the
 * address means little without the VPC or endpoint it came through.
 */
function checkPairedKeys(ctx: LintContext, sc: StatementContext): void {
  if (sc.effect !== 'Allow') return;
  let present: Set<string> | undefined;
  for (let o = 0; o < sc.st.conditions.length; o++) {
    const op = sc.st.conditions[o];
    for (let q = 0; q < op.keys.length; q++) {
      const k = op.keys[q];
      const related = PAIRED_KEYS.get(k.key.toLowerCase());
      if (!related) continue;
      present ??= new Set(sc.st.conditions.flatMap((o) => o.keys.map((x) => x.key.toLowerCase())));
      if (related.some((r) => present!.has(r.toLowerCase()))) continue;
      ctx.r.add('MISSING_PAIRED_CONDITION_KEYS', `Using the condition key ${k.key} can be overly permissive without also using the following condition keys: ${related.join(', ')}. Condition keys like this one are more secure when paired with a related key. We recommend that you add the related condition keys to the same condition block.`, [{ path: k.keyPath, node: k.keyNode }]);
    }
  }
}

function checkOperator(ctx: LintContext, sc: StatementContext, op: ParsedConditionOperator): void {
  const { r } = ctx;
  const info = parseConditionOperator(op.operator);
  // Built only when reported: paths are made on first read, and most operators have no finding.
  const opTarget = (): Target => ({ path: op.path, node: op.keyNode });
  if (!info) {
    const stripped = op.operator.replace(/^(ForAllValues|ForAnyValue):/i, '').replace(/IfExists$/i, '');
    const candidates = Object.keys(CONDITION_OPERATORS).filter((o) => o.toLowerCase().includes(stripped.toLowerCase().slice(0, 6)));
    r.add('INVALID_CONDITION_OPERATOR', `The condition operator ${op.operator} is not valid. Use a valid condition operator.`, [opTarget()], candidates.length ? { candidates: candidates.map((c) => JSON.stringify(c)) } : undefined);
    return;
  }
  if (op.valueNode.type !== 'object') {
    r.add('DATA_TYPE_MISMATCH', `The text does not match the expected JSON data type Object. The ${op.operator} block must map condition keys to values.`, [{ path: op.path, node: op.valueNode }]);
    return;
  }
  if (info.base === 'Null' && info.ifExists) r.add('NULL_WITH_IF_EXISTS', 'The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.', [opTarget()], { replacement: JSON.stringify(op.operator.replace(/IfExists$/i, '')), title: { kind: 'remove', value: 'IfExists' } });
  // AWS: ForAnyValue "For no matching context key or if the key does not exist, the condition returns false", IfExists or not.
  if (info.qualifier === 'ForAnyValue' && info.ifExists && info.base !== 'Null') r.add('IF_EXISTS_WITH_FOR_ANY_VALUE', `The IfExists suffix does not make ${op.operator} true for a request without the key: ForAnyValue returns false when the key does not exist. Remove IfExists, and give requests without the key a statement of their own if they should match.`, [opTarget()], { replacement: JSON.stringify(op.operator.replace(/IfExists$/i, '')), title: { kind: 'remove', value: 'IfExists' } });
  if (info.base === 'Null' && info.qualifier) r.add('NULL_WITH_QUALIFIER', 'Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.', [opTarget()], { replacement: '"Null"', title: { kind: 'useNullWithoutQualifier' } });
  if (op.keys.length === 0) {
    r.add('EMPTY_CONDITION_OPERATOR', `The ${op.operator} block has no condition keys, so it adds no restriction. Add keys or remove the block.`, [{ path: op.path, node: op.valueNode }]);
  }

  // Most blocks hold one key, which cannot repeat another.
  const lower = op.keys.length > 1 ? new Map<string, string>() : undefined;
  for (let q = 0; q < op.keys.length; q++) {
    const k = op.keys[q];
    if (lower) {
      const l = k.key.toLowerCase();
      const prev = lower.get(l);
      if (prev !== undefined && prev !== k.key) r.add('DUPLICATE_KEYS_WITH_DIFFERENT_CASE', `The condition key ${k.key} appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.`, [keyTarget(k)]);
      lower.set(l, k.key);
    }
    checkKey(ctx, sc, op, info, k);
  }
}

function checkKey(ctx: LintContext, sc: StatementContext, op: ParsedConditionOperator, info: ConditionOperatorInfo, k: ParsedConditionKey): void {
  const { r, catalog } = ctx;
  const key = k.key;
  const colon = key.indexOf(':');
  const prefix = colon > 0 ? key.slice(0, colon).toLowerCase() : '';

  // Values: shape first.
  if (k.valueNode.type === 'object' || (k.valueNode.type === 'array' && (k.valueNode.children ?? []).some((c) => c.type === 'object' || c.type === 'array'))) {
    r.add('DATA_TYPE_MISMATCH', 'The text does not match the expected JSON data type String, Number, Boolean or an array of them.', [{ path: k.path, node: k.valueNode }]);
    return;
  }
  if (k.valueNode.type === 'array' && k.values.length === 0) {
    const code = info.qualifier === 'ForAllValues' ? 'EMPTY_ARRAY_CONDITION_FORALLVALUES' : info.qualifier === 'ForAnyValue' ? 'EMPTY_ARRAY_CONDITION_FORANYVALUE' : info.ifExists ? 'EMPTY_ARRAY_CONDITION_IFEXISTS' : 'EMPTY_ARRAY_CONDITION';
    const details = {
      EMPTY_ARRAY_CONDITION: `There are no values for the condition key ${key} and it does not affect the policy. Specify conditions.`,
      EMPTY_ARRAY_CONDITION_FORALLVALUES: `The ForAllValues prefix with an empty condition key matches only if the key ${key} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.`,
      EMPTY_ARRAY_CONDITION_FORANYVALUE: `The ForAnyValue prefix with an empty condition key ${key} never matches the request context and it does not affect the policy. Specify conditions.`,
      EMPTY_ARRAY_CONDITION_IFEXISTS: `The IfExists suffix with an empty condition key matches only if the key ${key} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.`,
    }[code];
    r.add(code, details, [{ path: k.path, node: k.valueNode }]);
    return;
  }
  if (k.valueNode.type === 'array' && mixedJsonTypes(k.values)) {
    r.add('INVALID_CONDITION_DATA_TYPE', 'The condition value data types do not match. Use condition values of the same JSON data type.', [{ path: k.path, node: k.valueNode }]);
  }

  // Key format and existence.
  if (colon <= 0 || colon === key.length - 1) {
    r.addListed('INVALID_CONDITION_KEY_FORMAT', () => r.add('INVALID_CONDITION_KEY_FORMAT', 'The condition key format is not valid. Use the format service:keyname.', [keyTarget(k)]));
    return;
  }
  const lowerKey = key.toLowerCase();
  if (TAG_KEY_PREFIXES.includes(lowerKey.endsWith('/') ? lowerKey.slice(0, -1) : lowerKey) || /^[a-z0-9-]+:(?:resourcetag|requesttag)\/?$/.test(lowerKey)) {
    const name = key.replace(/\/$/, '');
    r.add('MISSING_TAG_KEY_IN_CONDITION', `The condition key ${name} must include a tag key to control access based on tags. Use the format ${name}/tag-key and specify a key name for tag-key.`, [keyTarget(k)]);
    return;
  }
  let keyInfo: ConditionKeyInfo | undefined;
  if (prefix === 'aws') {
    if (lowerKey === 'aws:arn') {
      r.add('UNSUPPORTED_GLOBAL_CONDITION_KEY', 'The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead.', [keyTarget(k)], { candidates: ['"aws:PrincipalArn"', '"aws:SourceArn"'] });
      return;
    }
    keyInfo = catalog.conditionKey(key);
    if (!keyInfo) {
      r.addListed('INVALID_GLOBAL_CONDITION_KEY', () => {
        const suggestion = suggestKey(ctx, key);
        return r.add('INVALID_GLOBAL_CONDITION_KEY', `The condition key ${key} does not exist. Use a valid condition key.${suggestion ? ` Did you mean ${suggestion}?` : ''}`, [keyTarget(k)], suggestion ? { replacement: JSON.stringify(suggestion), title: { kind: 'replaceWith', value: suggestion } } : undefined);
      });
      return;
    }
  } else if (isFederatedKey(prefix)) {
    keyInfo = catalog.conditionKey(key);
  } else if (!catalog.hasService(prefix)) {
    const known = catalog.conditionKey(key);
    if (!known) {
      if (reportRetired(ctx, prefix, key, [keyTarget(k)], false)) return;
      r.addListed('INVALID_SERVICE in a condition key', () => r.add('INVALID_SERVICE', `The service ${prefix} does not exist. Use a valid service name.`, [keyTarget(k)]));
      return;
    }
    keyInfo = known;
  } else if (catalog.isLoaded(prefix)) {
    keyInfo = catalog.conditionKey(key);
    if (!keyInfo) {
      r.addListed('INVALID_SERVICE_CONDITION_KEY', () => {
        const suggestion = suggestKey(ctx, key);
        return r.add('INVALID_SERVICE_CONDITION_KEY', `The condition key ${key} does not exist in the service ${prefix}. Use a valid condition key.${suggestion ? ` Did you mean ${suggestion}?` : ''}`, [keyTarget(k)], suggestion ? { replacement: JSON.stringify(suggestion), title: { kind: 'replaceWith', value: suggestion } } : undefined);
      });
      return;
    }
  } else {
    keyInfo = catalog.conditionKey(key);
  }

  checkValues(ctx, sc, info, k, keyInfo);
}

function suggestKey(ctx: LintContext, key: string): string | undefined {
  const lower = key.toLowerCase();
  const fixes: Record<string, string> = {
    'aws:sourceipaddress': 'aws:SourceIp',
    'aws:principalorg': 'aws:PrincipalOrgID',
    'aws:principalorgid': 'aws:PrincipalOrgID',
    'aws:mfapresent': 'aws:MultiFactorAuthPresent',
    'aws:multifactorauthenticationpresent': 'aws:MultiFactorAuthPresent',
    'aws:securetransfer': 'aws:SecureTransport',
    'aws:requestregion': 'aws:RequestedRegion',
    'aws:region': 'aws:RequestedRegion',
    'aws:sourcevpcid': 'aws:SourceVpc',
  };
  if (fixes[lower]) return fixes[lower];
  const m = /^([a-z0-9-]+):(resourcetags|requesttags|principaltags)\/(.+)$/i.exec(key);
  if (m) return `${m[1]}:${m[2].slice(0, -1).replace(/^./, (c) => c.toUpperCase())}/${m[3]}`;
  const prefix = lower.slice(0, lower.indexOf(':'));
  const names = ctx.catalog.conditionKeyNames?.(prefix).filter((n) => !n.includes('${')) ?? [];
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(key.length / 5)) + 1;
  for (const n of names) {
    const d = editDistance(key, n, bestD - 1);
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best;
}
