import { editDistance } from '../actions';
import type { ConditionKeyInfo } from '../catalog';
import type { LintContext, StatementContext } from '../context';
import type { ParsedConditionKey, ParsedConditionOperator, ParsedValue } from '../parse';
import type { Target } from '../report';
import { reportRetired } from './retired';
import { hostBitsSet, isPrivate, maskedAddress, parseCidr, validDate } from './conditionValues';
import { CONDITION_OPERATORS, parseConditionOperator, type ConditionOperatorInfo, type OperatorFamily } from './conditionOperators';
import { replaceVariables } from '../variableSpans';
import { findVariables } from './variables';

const FAMILY_OF_TYPE: Record<string, OperatorFamily> = {
  String: 'String',
  ARN: 'Arn',
  Bool: 'Bool',
  Boolean: 'Bool',
  Numeric: 'Numeric',
  Long: 'Numeric',
  Integer: 'Numeric',
  Date: 'Date',
  IPAddress: 'IpAddress',
  Binary: 'Binary',
};

function keyFamily(type: string): OperatorFamily | undefined {
  return FAMILY_OF_TYPE[type.startsWith('ArrayOf') ? type.slice(7) : type];
}

function isMultiValued(type: string): boolean {
  return type.startsWith('ArrayOf');
}

const FAMILY_WORD: Record<OperatorFamily, string> = { String: 'String', Numeric: 'Numeric', Date: 'Date', Bool: 'Boolean', Binary: 'Binary', IpAddress: 'IP address', Arn: 'ARN', Null: 'Null' };

function valueTarget(v: ParsedValue): Target {
  return { path: v.path, node: v.node };
}

function keyTarget(k: ParsedConditionKey): Target {
  return { path: k.keyPath, node: k.keyNode };
}

const TAG_KEY_PREFIXES = ['aws:requesttag', 'aws:resourcetag', 'aws:principaltag'];

/** Prefixes of OIDC/SAML provider keys, valid in trust policies whatever the provider. */
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
    r.add('INVALID_CONDITION_KEY_FORMAT', 'The condition key format is not valid. Use the format service:keyname.', [keyTarget(k)]);
    return;
  }
  const lowerKey = key.toLowerCase();
  if (TAG_KEY_PREFIXES.includes(lowerKey) || TAG_KEY_PREFIXES.some((p) => lowerKey === `${p}/`) || /^[a-z0-9-]+:(?:resourcetag|requesttag)\/?$/.test(lowerKey)) {
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
      const suggestion = suggestKey(ctx, key);
      r.add('INVALID_GLOBAL_CONDITION_KEY', `The condition key ${key} does not exist. Use a valid condition key.${suggestion ? ` Did you mean ${suggestion}?` : ''}`, [keyTarget(k)], suggestion ? { replacement: JSON.stringify(suggestion), title: { kind: 'replaceWith', value: suggestion } } : undefined);
      return;
    }
  } else if (isFederatedKey(prefix)) {
    keyInfo = catalog.conditionKey(key);
  } else if (!catalog.hasService(prefix)) {
    const known = catalog.conditionKey(key);
    if (!known) {
      if (reportRetired(ctx, prefix, key, [keyTarget(k)], false)) return;
      r.add('INVALID_SERVICE', `The service ${prefix} does not exist. Use a valid service name.`, [keyTarget(k)]);
      return;
    }
    keyInfo = known;
  } else if (catalog.isLoaded(prefix)) {
    keyInfo = catalog.conditionKey(key);
    if (!keyInfo) {
      const suggestion = suggestKey(ctx, key);
      r.add('INVALID_SERVICE_CONDITION_KEY', `The condition key ${key} does not exist in the service ${prefix}. Use a valid condition key.${suggestion ? ` Did you mean ${suggestion}?` : ''}`, [keyTarget(k)], suggestion ? { replacement: JSON.stringify(suggestion), title: { kind: 'replaceWith', value: suggestion } } : undefined);
      return;
    }
  } else {
    keyInfo = catalog.conditionKey(key);
  }

  checkValues(ctx, sc, info, k, keyInfo);
}

function jsonType(v: ParsedValue): string {
  return v.value === null ? 'null' : typeof v.value;
}

/** Whether the values are of more than one JSON type. */
function mixedJsonTypes(values: readonly ParsedValue[]): boolean {
  for (let i = 1; i < values.length; i++) if (jsonType(values[i]) !== jsonType(values[0])) return true;
  return false;
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

/** One function for every value: a closure made per call would be an object per value. */
const nothing = () => '';

function stringValue(v: ParsedValue): string {
  return typeof v.value === 'string' ? v.value : String(v.value);
}

function checkValues(ctx: LintContext, sc: StatementContext, info: ConditionOperatorInfo, k: ParsedConditionKey, keyInfo: ConditionKeyInfo | undefined): void {
  const { r } = ctx;
  const key = k.key;

  // Value syntax per operator family.
  switch (info.family) {
    case 'Bool':
      for (let i = 0; i < k.values.length; i++) {
        const v = k.values[i];
        const s = stringValue(v).toLowerCase();
        if (s !== 'true' && s !== 'false' && !hasVariable(v)) r.add('TYPE_MISMATCH_BOOLEAN', `Add a valid Boolean value (true or false) for the condition operator ${info.text}.`, [valueTarget(v)], { candidates: ['"true"', '"false"'] });
      }
      if (k.values.length > 1 && !info.qualifier && (!keyInfo || !isMultiValued(keyInfo.type))) r.add('INVALID_CONDITION_MULTIPLE_BOOLEAN', 'The condition key does not support multiple Boolean values. Use a single Boolean value.', [{ path: k.path, node: k.valueNode }]);
      break;
    case 'Null':
      for (let i = 0; i < k.values.length; i++) {
        const v = k.values[i];
        const s = stringValue(v).toLowerCase();
        if (s !== 'true' && s !== 'false') r.add('TYPE_MISMATCH_BOOLEAN', `Add a valid Boolean value (true or false) for the condition operator ${info.text}.`, [valueTarget(v)], { candidates: ['"true"', '"false"'] });
      }
      break;
    case 'Numeric':
      for (let i = 0; i < k.values.length; i++) {
        const v = k.values[i];
        if (hasVariable(v)) continue;
        const s = stringValue(v);
        if (typeof v.value === 'boolean' || !/^-?\d+(?:\.\d+)?$/.test(s.trim())) r.add('TYPE_MISMATCH_NUMBER', `Add a valid numeric value for the condition operator ${info.text}.`, [valueTarget(v)]);
      }
      break;
    case 'Date':
      for (let i = 0; i < k.values.length; i++) {
        const v = k.values[i];
        if (hasVariable(v)) continue;
        if (!validDate(v.value)) r.add('TYPE_MISMATCH_DATE', 'The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.', [valueTarget(v)]);
      }
      break;
    case 'IpAddress':
      checkIpValues(ctx, info, k);
      break;
    case 'Binary':
      for (let i = 0; i < k.values.length; i++) {
        const v = k.values[i];
        const s = stringValue(v);
        if (typeof v.value !== 'string' || !/^[A-Z0-9+/]*={0,2}$/i.test(s) || s.length % 4 !== 0) r.add('TYPE_MISMATCH_STRING', `Add a valid base64-encoded string value for the condition operator ${info.text}.`, [valueTarget(v)]);
      }
      break;
    case 'String':
    case 'Arn':
      if (!info.like) {
        for (let i = 0; i < k.values.length; i++) {
          const v = k.values[i];
          if (typeof v.value === 'string' && /[*?]/.test(replaceVariables(v.value, nothing))) {
            r.add('WILDCARD_WITHOUT_LIKE_OPERATOR', `Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.`, [valueTarget(v)], { replacement: JSON.stringify(info.text.replace(/Equals(IgnoreCase)?/, 'Like')), title: { kind: 'use', value: info.text.replace(/Equals(IgnoreCase)?/, 'Like') } });
            break;
          }
        }
      }
      break;
  }

  // Variables only work with String and ARN operators.
  if (info.family !== 'String' && info.family !== 'Arn') {
    for (let i = 0; i < k.values.length; i++) {
      const v = k.values[i];
      if (hasVariable(v)) r.add('INVALID_VARIABLE_FOR_OPERATOR', 'Policy variables can only be used with String and ARN operators.', [valueTarget(v)]);
    }
  }

  if (!keyInfo) return;
  const family = keyFamily(keyInfo.type);
  const multi = isMultiValued(keyInfo.type);

  const alsoFamily = keyInfo.alsoType ? keyFamily(keyInfo.alsoType) : undefined;
  if (info.family !== 'Null' && family && family !== info.family && alsoFamily !== info.family) {
    if (family === 'Arn' && info.family === 'String') {
      if (info.like) {
        r.add('STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS', `Use the operator type ARN instead of operator string for the condition key ${key}.`, [keyTarget(k)], { replacement: JSON.stringify(info.text.replace(/String/, 'Arn')), title: { kind: 'use', value: info.text.replace(/String/, 'Arn') } });
      }
    } else if (info.family === 'String' && !valuesFitFamily(k.values, family)) {
      r.add('TYPE_MISMATCH', `Use the operator type ${FAMILY_WORD[family]} instead of operator string for the condition key ${key}.`, [keyTarget(k)]);
    } else if (info.family === 'Arn' && family === 'String') {
      // ARN operators on String keys that hold ARNs (kms:EncryptionContext:aws:s3:arn) are fine.
      if (k.values.some((v) => typeof v.value === 'string' && !hasVariable(v) && !v.value.startsWith('arn:') && v.value !== '*')) {
        r.add('TYPE_MISMATCH', `Use the operator type String instead of operator ARN for the condition key ${key}: its values are not ARNs.`, [keyTarget(k)], { replacement: JSON.stringify(info.text.replace(/^(.*?)Arn/, '$1String')), title: { kind: 'use', value: info.text.replace(/^(.*?)Arn/, '$1String') } });
      }
    } else if (info.family !== 'String') {
      r.add('TYPE_MISMATCH', `Use the operator type ${FAMILY_WORD[family]} instead of operator ${FAMILY_WORD[info.family].toLowerCase()} for the condition key ${key}.`, [keyTarget(k)]);
    }
  }

  if (info.family !== 'Null') {
    if (multi && !info.qualifier && family !== 'Bool') {
      r.add('MISSING_QUALIFIER', `The request context key ${key} has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy.`, [keyTarget(k)], { candidates: [JSON.stringify(`ForAnyValue:${info.text}`), JSON.stringify(`ForAllValues:${info.text}`)] });
    }
    if (!multi && info.qualifier === 'ForAllValues' && keyInfo.global && sc.effect === 'Allow') {
      r.add('FORALLVALUES_WITH_SINGLE_VALUED_KEY', `Using ForAllValues qualifier with the single-valued condition key ${key} can be overly permissive. We recommend that you remove ForAllValues:.`, [keyTarget(k)], { title: { kind: 'remove', value: 'ForAllValues:' } });
    }
  }

  // StringLike "*" only tests that the key is present.
  if (info.base === 'StringLike' && !info.qualifier && sc.effect === 'Allow' && k.values.length === 1 && k.values[0].value === '*') {
    r.add('EQUIVALENT_TO_NULL_FALSE', `We recommend replacing the key ${key} in the condition block of ${info.base} with {${key}: false} to ensure better enforcement of the condition.`, [valueTarget(k.values[0])]);
  }

  if (/^aws:calledvia(?:first|last)?$/i.test(key)) {
    for (let i = 0; i < k.values.length; i++) {
      const v = k.values[i];
      if (typeof v.value === 'string' && !hasVariable(v) && !/[*?]/.test(v.value) && !/^[a-z0-9-]+\.(?:amazonaws\.com|amazon\.com|amazonaws\.com\.cn)$/.test(v.value)) {
        r.add('INVALID_SERVICE_PRINCIPAL_FORMAT', 'The service principal does not match the expected format. Use the format service.amazonaws.com, or use one of the following suffixes: .amazon.com, .amazonaws.com.cn with all lowercase letters.', [valueTarget(v)]);
      }
    }
  }
}

function valuesFitFamily(values: ParsedValue[], family: OperatorFamily): boolean {
  return values.every((v) => {
    const s = stringValue(v);
    if (hasVariable(v)) return true;
    switch (family) {
      case 'Bool':
        return /^(?:true|false)$/i.test(s);
      case 'Numeric':
        return /^-?\d+(?:\.\d+)?$/.test(s);
      case 'Date':
        return validDate(v.value);
      case 'IpAddress':
        return parseCidr(s) !== undefined;
      default:
        return true;
    }
  });
}

function hasVariable(v: ParsedValue): boolean {
  return typeof v.value === 'string' && findVariables(v.value).length > 0;
}

function checkIpValues(ctx: LintContext, info: ConditionOperatorInfo, k: ParsedConditionKey): void {
  const { r } = ctx;
  const parsed: { v: ParsedValue; c: NonNullable<ReturnType<typeof parseCidr>> }[] = [];
  for (const v of k.values) {
    if (hasVariable(v)) continue;
    const c = typeof v.value === 'string' ? parseCidr(v.value.trim()) : undefined;
    if (!c) {
      r.add('TYPE_MISMATCH_IP_RANGE', `The condition operator ${info.text} is used with an invalid IP range value. Specify the IP range in standard CIDR format.`, [valueTarget(v)]);
      continue;
    }
    if (hostBitsSet(c)) {
      const fixed = maskedAddress(c);
      r.add('IMPROVE_IP_RANGE', `The non-zero bits in the IP address after the masked bits are ignored. Replace address with ${fixed}.`, [valueTarget(v)], { replacement: JSON.stringify(fixed), title: { kind: 'replaceWith', value: fixed } });
    }
    parsed.push({ v, c });
  }
  if (k.key.toLowerCase() !== 'aws:sourceip' || !parsed.length) return;
  const priv = parsed.filter((p) => isPrivate(p.c));
  if (!priv.length) return;
  const negated = info.base === 'NotIpAddress';
  if (priv.length === parsed.length) {
    r.add(negated ? 'PRIVATE_NOT_IP_ADDRESS' : 'PRIVATE_IP_ADDRESS', negated
      ? 'The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses.'
      : 'aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses.', priv.map((p) => valueTarget(p.v)));
  } else {
    r.add(negated ? 'PRIVATE_NOT_IP_ADDRESS_SUBSET' : 'PRIVATE_IP_ADDRESS_SUBSET', negated
      ? 'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.'
      : 'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.', priv.map((p) => valueTarget(p.v)));
  }
}
