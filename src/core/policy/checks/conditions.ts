import { editDistance } from '../actions';
import type { ActionInfo, ConditionKeyInfo, IamCatalog } from '../catalog';
import type { LintContext, StatementContext } from '../context';
import type { ParsedConditionKey, ParsedConditionOperator, ParsedValue } from '../parse';
import type { Target } from '../report';
import { reportRetired } from './retired';
import { findVariables } from './variables';

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

export interface ConditionOperatorInfo {
  /** Operator as written. */
  text: string;
  /** Canonical base operator, e.g. StringLike. */
  base: string;
  family: OperatorFamily;
  qualifier?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
  negated: boolean;
  like: boolean;
}

/** Base operators with their family. */
export const CONDITION_OPERATORS: Record<string, OperatorFamily> = {
  StringEquals: 'String',
  StringNotEquals: 'String',
  StringEqualsIgnoreCase: 'String',
  StringNotEqualsIgnoreCase: 'String',
  StringLike: 'String',
  StringNotLike: 'String',
  NumericEquals: 'Numeric',
  NumericNotEquals: 'Numeric',
  NumericLessThan: 'Numeric',
  NumericLessThanEquals: 'Numeric',
  NumericGreaterThan: 'Numeric',
  NumericGreaterThanEquals: 'Numeric',
  DateEquals: 'Date',
  DateNotEquals: 'Date',
  DateLessThan: 'Date',
  DateLessThanEquals: 'Date',
  DateGreaterThan: 'Date',
  DateGreaterThanEquals: 'Date',
  Bool: 'Bool',
  BinaryEquals: 'Binary',
  IpAddress: 'IpAddress',
  NotIpAddress: 'IpAddress',
  ArnEquals: 'Arn',
  ArnLike: 'Arn',
  ArnNotEquals: 'Arn',
  ArnNotLike: 'Arn',
  Null: 'Null',
};

const BY_LOWER = new Map(Object.keys(CONDITION_OPERATORS).map((k) => [k.toLowerCase(), k]));

/** Parses `ForAnyValue:StringLikeIfExists` and friends; undefined for unknown operators. */
export function parseConditionOperator(text: string): ConditionOperatorInfo | undefined {
  let rest = text;
  let qualifier: ConditionOperatorInfo['qualifier'];
  const m = /^(ForAllValues|ForAnyValue):/i.exec(rest);
  if (m) {
    qualifier = m[1].toLowerCase() === 'forallvalues' ? 'ForAllValues' : 'ForAnyValue';
    rest = rest.slice(m[0].length);
  }
  let ifExists = false;
  if (/IfExists$/i.test(rest)) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BY_LOWER.get(rest.toLowerCase());
  if (!base) return undefined;
  return { text, base, family: CONDITION_OPERATORS[base], qualifier, ifExists, negated: /Not/.test(base), like: /Like$/.test(base) };
}

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
  return FAMILY_OF_TYPE[type.replace(/^ArrayOf/, '')];
}

function isMultiValued(type: string): boolean {
  return type.startsWith('ArrayOf');
}

const FAMILY_WORD: Record<OperatorFamily, string> = { String: 'String', Numeric: 'Numeric', Date: 'Date', Bool: 'Boolean', Binary: 'Binary', IpAddress: 'IP address', Arn: 'ARN', Null: 'Null' };

const DATE_RE = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

function validDate(v: string | number | boolean | null): boolean {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0;
  if (typeof v !== 'string') return false;
  if (/^\d+$/.test(v)) return true;
  return DATE_RE.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T')));
}

function ipv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return out.every((n) => n >= 0 && n <= 255) ? out : undefined;
}

function parseIpv6(s: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string) => (h === '' ? [] : h.split(':'));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const groups = [...head, ...tail];
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  if (halves.length === 1 && groups.length !== 8) return undefined;
  if (halves.length === 2 && groups.length > 7) return undefined;
  const zeros = new Array(8 - groups.length).fill(0);
  const nums = [...head.map((g) => parseInt(g, 16)), ...zeros, ...tail.map((g) => parseInt(g, 16))];
  return nums.length === 8 ? nums : undefined;
}

/** Parses an IP or CIDR; returns the address bits and prefix, or undefined when invalid. */
export function parseCidr(v: string): { v6: boolean; bytes: number[]; prefix: number } | undefined {
  const [addr, pfx, extra] = v.split('/');
  if (extra !== undefined) return undefined;
  const v4 = ipv4(addr);
  if (v4) {
    const prefix = pfx === undefined ? 32 : /^\d{1,2}$/.test(pfx) ? Number(pfx) : NaN;
    return prefix >= 0 && prefix <= 32 ? { v6: false, bytes: v4, prefix } : undefined;
  }
  const v6 = parseIpv6(addr);
  if (v6) {
    const prefix = pfx === undefined ? 128 : /^\d{1,3}$/.test(pfx) ? Number(pfx) : NaN;
    const bytes = v6.flatMap((g) => [g >> 8, g & 255]);
    return prefix >= 0 && prefix <= 128 ? { v6: true, bytes, prefix } : undefined;
  }
  return undefined;
}

function hostBitsSet(c: { bytes: number[]; prefix: number }): boolean {
  for (let bit = c.prefix; bit < c.bytes.length * 8; bit++) {
    if (c.bytes[bit >> 3] & (0x80 >> (bit & 7))) return true;
  }
  return false;
}

function maskedAddress(c: { v6: boolean; bytes: number[]; prefix: number }): string {
  const b = c.bytes.map((x, i) => {
    const keep = Math.max(0, Math.min(8, c.prefix - i * 8));
    return x & (0xff << (8 - keep)) & 0xff;
  });
  if (!c.v6) return `${b.join('.')}/${c.prefix}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
  return `${groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}/${c.prefix}`;
}

function isPrivate(c: { v6: boolean; bytes: number[]; prefix: number }): boolean {
  const b = c.bytes;
  if (c.v6) return (b[0] & 0xfe) === 0xfc && c.prefix >= 7;
  if (b[0] === 10 && c.prefix >= 8) return true;
  if (b[0] === 172 && (b[1] & 0xf0) === 16 && c.prefix >= 12) return true;
  if (b[0] === 192 && b[1] === 168 && c.prefix >= 16) return true;
  return false;
}

function valueTarget(v: ParsedValue): Target {
  return { path: v.path, node: v.node };
}

function keyTarget(k: ParsedConditionKey): Target {
  return { path: k.keyPath, node: k.keyNode };
}

const TAG_KEY_PREFIXES = ['aws:requesttag', 'aws:resourcetag', 'aws:principaltag'];

/** Prefixes of OIDC/SAML provider keys, valid in trust policies whatever the provider. */
function isFederatedKey(prefix: string): boolean {
  return prefix.includes('.') || prefix.includes('/') || prefix === 'saml' || prefix === 'cognito-identity';
}

/** Condition operators, keys, value types and the qualifiers they need. */
export function checkConditions(ctx: LintContext): void {
  for (const sc of ctx.statements) {
    if (!sc.st.condition || sc.st.condition.valueNode.type !== 'object') continue;
    if ((sc.st.condition.valueNode.children?.length ?? 0) === 0) {
      ctx.r.add('EMPTY_OBJECT_CONDITION', 'This condition block is empty and it does not affect the policy. Specify conditions.', [{ path: sc.st.condition.path, node: sc.st.condition.valueNode }], { remove: true, title: 'Remove the empty Condition' });
      continue;
    }
    for (const op of sc.st.conditions) checkOperator(ctx, sc, op);
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
  for (const op of sc.st.conditions) {
    for (const k of op.keys) {
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
  const opTarget: Target = { path: op.path, node: op.keyNode };
  if (!info) {
    const stripped = op.operator.replace(/^(ForAllValues|ForAnyValue):/i, '').replace(/IfExists$/i, '');
    const candidates = Object.keys(CONDITION_OPERATORS).filter((o) => o.toLowerCase().includes(stripped.toLowerCase().slice(0, 6)));
    r.add('INVALID_CONDITION_OPERATOR', `The condition operator ${op.operator} is not valid. Use a valid condition operator.`, [opTarget], candidates.length ? { candidates: candidates.map((c) => JSON.stringify(c)) } : undefined);
    return;
  }
  if (op.valueNode.type !== 'object') {
    r.add('DATA_TYPE_MISMATCH', `The text does not match the expected JSON data type Object. The ${op.operator} block must map condition keys to values.`, [{ path: op.path, node: op.valueNode }]);
    return;
  }
  if (info.base === 'Null' && info.ifExists) r.add('NULL_WITH_IF_EXISTS', 'The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.', [opTarget], { replacement: JSON.stringify(op.operator.replace(/IfExists$/i, '')), title: 'Remove IfExists' });
  if (info.base === 'Null' && info.qualifier) r.add('NULL_WITH_QUALIFIER', 'Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.', [opTarget], { replacement: '"Null"', title: 'Use Null without a qualifier' });
  if (op.keys.length === 0) {
    r.add('EMPTY_CONDITION_OPERATOR', `The ${op.operator} block has no condition keys, so it adds no restriction. Add keys or remove the block.`, [{ path: op.path, node: op.valueNode }]);
  }

  const lower = new Map<string, string>();
  for (const k of op.keys) {
    const l = k.key.toLowerCase();
    const prev = lower.get(l);
    if (prev !== undefined && prev !== k.key) r.add('DUPLICATE_KEYS_WITH_DIFFERENT_CASE', `The condition key ${k.key} appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.`, [keyTarget(k)]);
    lower.set(l, k.key);
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
  const jsonTypes = new Set(k.values.map((v) => (v.value === null ? 'null' : typeof v.value)));
  if (jsonTypes.size > 1 && k.valueNode.type === 'array') {
    r.add('INVALID_CONDITION_DATA_TYPE', 'The condition value data types do not match. Use condition values of the same JSON data type.', [{ path: k.path, node: k.valueNode }]);
  }

  // Key format and existence.
  if (colon <= 0 || colon === key.length - 1) {
    r.add('INVALID_CONDITION_KEY_FORMAT', 'The condition key format is not valid. Use the format service:keyname.', [keyTarget(k)]);
    return;
  }
  const lowerKey = key.toLowerCase();
  if (TAG_KEY_PREFIXES.includes(lowerKey) || TAG_KEY_PREFIXES.some((p) => lowerKey === `${p}/`) || /^[a-z0-9-]+:(resourcetag|requesttag)\/?$/.test(lowerKey)) {
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
      r.add('INVALID_GLOBAL_CONDITION_KEY', `The condition key ${key} does not exist. Use a valid condition key.${suggestion ? ` Did you mean ${suggestion}?` : ''}`, [keyTarget(k)], suggestion ? { replacement: JSON.stringify(suggestion), title: `Replace with ${suggestion}` } : undefined);
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
      r.add('INVALID_SERVICE_CONDITION_KEY', `The condition key ${key} does not exist in the service ${prefix}. Use a valid condition key.${suggestion ? ` Did you mean ${suggestion}?` : ''}`, [keyTarget(k)], suggestion ? { replacement: JSON.stringify(suggestion), title: `Replace with ${suggestion}` } : undefined);
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

function stringValue(v: ParsedValue): string {
  return typeof v.value === 'string' ? v.value : String(v.value);
}

function checkValues(ctx: LintContext, sc: StatementContext, info: ConditionOperatorInfo, k: ParsedConditionKey, keyInfo: ConditionKeyInfo | undefined): void {
  const { r } = ctx;
  const key = k.key;
  const kt = keyTarget(k);

  // Value syntax per operator family.
  switch (info.family) {
    case 'Bool':
      for (const v of k.values) {
        const s = stringValue(v).toLowerCase();
        if (s !== 'true' && s !== 'false' && !hasVariable(v)) r.add('TYPE_MISMATCH_BOOLEAN', `Add a valid Boolean value (true or false) for the condition operator ${info.text}.`, [valueTarget(v)], { candidates: ['"true"', '"false"'] });
      }
      if (k.values.length > 1 && !info.qualifier && (!keyInfo || !isMultiValued(keyInfo.type))) r.add('INVALID_CONDITION_MULTIPLE_BOOLEAN', 'The condition key does not support multiple Boolean values. Use a single Boolean value.', [{ path: k.path, node: k.valueNode }]);
      break;
    case 'Null':
      for (const v of k.values) {
        const s = stringValue(v).toLowerCase();
        if (s !== 'true' && s !== 'false') r.add('TYPE_MISMATCH_BOOLEAN', `Add a valid Boolean value (true or false) for the condition operator ${info.text}.`, [valueTarget(v)], { candidates: ['"true"', '"false"'] });
      }
      break;
    case 'Numeric':
      for (const v of k.values) {
        if (hasVariable(v)) continue;
        const s = stringValue(v);
        if (typeof v.value === 'boolean' || !/^-?\d+(\.\d+)?$/.test(s.trim())) r.add('TYPE_MISMATCH_NUMBER', `Add a valid numeric value for the condition operator ${info.text}.`, [valueTarget(v)]);
      }
      break;
    case 'Date':
      for (const v of k.values) {
        if (hasVariable(v)) continue;
        if (!validDate(v.value)) r.add('TYPE_MISMATCH_DATE', 'The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.', [valueTarget(v)]);
      }
      break;
    case 'IpAddress':
      checkIpValues(ctx, info, k);
      break;
    case 'Binary':
      for (const v of k.values) {
        const s = stringValue(v);
        if (typeof v.value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) r.add('TYPE_MISMATCH_STRING', `Add a valid base64-encoded string value for the condition operator ${info.text}.`, [valueTarget(v)]);
      }
      break;
    case 'String':
    case 'Arn':
      if (!info.like) {
        for (const v of k.values) {
          if (typeof v.value === 'string' && /[*?]/.test(v.value.replace(/\$\{[^}]*\}/g, ''))) {
            r.add('WILDCARD_WITHOUT_LIKE_OPERATOR', `Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.`, [valueTarget(v)], { replacement: JSON.stringify(info.text.replace(/Equals(IgnoreCase)?/, 'Like')), title: `Use ${info.text.replace(/Equals(IgnoreCase)?/, 'Like')}` });
            break;
          }
        }
      }
      break;
  }

  // Variables only work with String and ARN operators.
  if (info.family !== 'String' && info.family !== 'Arn') {
    for (const v of k.values) {
      if (hasVariable(v)) r.add('INVALID_VARIABLE_FOR_OPERATOR', 'Policy variables can only be used with String and ARN operators.', [valueTarget(v)]);
    }
  }

  if (!keyInfo) return;
  const family = keyFamily(keyInfo.type);
  const multi = isMultiValued(keyInfo.type);

  if (info.family !== 'Null' && family && family !== info.family) {
    if (family === 'Arn' && info.family === 'String') {
      if (info.like) {
        r.add('STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS', `Use the operator type ARN instead of operator string for the condition key ${key}.`, [kt], { replacement: JSON.stringify(info.text.replace(/String/, 'Arn')), title: `Use ${info.text.replace(/String/, 'Arn')}` });
      }
    } else if (info.family === 'String' && !valuesFitFamily(k.values, family)) {
      r.add('TYPE_MISMATCH', `Use the operator type ${FAMILY_WORD[family]} instead of operator string for the condition key ${key}.`, [kt]);
    } else if (info.family === 'Arn' && family === 'String') {
      // ARN operators on String keys that hold ARNs (kms:EncryptionContext:aws:s3:arn) are fine.
      if (k.values.some((v) => typeof v.value === 'string' && !hasVariable(v) && !v.value.startsWith('arn:') && v.value !== '*')) {
        r.add('TYPE_MISMATCH', `Use the operator type String instead of operator ARN for the condition key ${key}: its values are not ARNs.`, [kt], { replacement: JSON.stringify(info.text.replace(/^(.*?)Arn/, '$1String')), title: `Use ${info.text.replace(/^(.*?)Arn/, '$1String')}` });
      }
    } else if (info.family !== 'String') {
      r.add('TYPE_MISMATCH', `Use the operator type ${FAMILY_WORD[family]} instead of operator ${FAMILY_WORD[info.family].toLowerCase()} for the condition key ${key}.`, [kt]);
    }
  }

  if (info.family !== 'Null') {
    if (multi && !info.qualifier && family !== 'Bool') {
      r.add('MISSING_QUALIFIER', `The request context key ${key} has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy.`, [kt], { candidates: [JSON.stringify(`ForAnyValue:${info.text}`), JSON.stringify(`ForAllValues:${info.text}`)] });
    }
    if (!multi && info.qualifier === 'ForAllValues' && keyInfo.global && sc.effect === 'Allow') {
      r.add('FORALLVALUES_WITH_SINGLE_VALUED_KEY', `Using ForAllValues qualifier with the single-valued condition key ${key} can be overly permissive. We recommend that you remove ForAllValues:.`, [kt], { title: 'Remove ForAllValues:' });
    }
  }

  // StringLike "*" only tests that the key is present.
  if (info.base === 'StringLike' && !info.qualifier && sc.effect === 'Allow' && k.values.length === 1 && k.values[0].value === '*') {
    r.add('EQUIVALENT_TO_NULL_FALSE', `We recommend replacing the key ${key} in the condition block of ${info.base} with {${key}: false} to ensure better enforcement of the condition.`, [valueTarget(k.values[0])]);
  }

  if (/^aws:calledvia(first|last)?$/i.test(key)) {
    for (const v of k.values) {
      if (typeof v.value === 'string' && !hasVariable(v) && !/[*?]/.test(v.value) && !/^[a-z0-9-]+\.(amazonaws\.com|amazon\.com|amazonaws\.com\.cn)$/.test(v.value)) {
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
        return /^(true|false)$/i.test(s);
      case 'Numeric':
        return /^-?\d+(\.\d+)?$/.test(s);
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
      r.add('IMPROVE_IP_RANGE', `The non-zero bits in the IP address after the masked bits are ignored. Replace address with ${fixed}.`, [valueTarget(v)], { replacement: JSON.stringify(fixed), title: `Replace with ${fixed}` });
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

const supportedKeysCache = new WeakMap<object, ReadonlySet<string>>();
const NO_KEYS: readonly string[] = [];

/**
 * Condition keys an action can be evaluated with: its own, its resource types' and theirs. Cached
 * per action object, which belongs to one catalog and never changes.
 */
export function supportedKeys(ctx: LintContext, a: { service: string; resourceTypes: { name: string; conditionKeys: string[] }[]; conditionKeys: string[] }): ReadonlySet<string> {
  const hit = supportedKeysCache.get(a);
  if (hit) return hit;
  const out = new Set<string>();
  const own = a.conditionKeys;
  for (let i = 0; i < own.length; i++) out.add(own[i].toLowerCase());
  const types = a.resourceTypes;
  for (let i = 0; i < types.length; i++) {
    const r = types[i];
    for (let k = 0; k < r.conditionKeys.length; k++) out.add(r.conditionKeys[k].toLowerCase());
    const typeKeys = ctx.catalog.resourceType(a.service, r.name)?.conditionKeys ?? NO_KEYS;
    for (let k = 0; k < typeKeys.length; k++) out.add(typeKeys[k].toLowerCase());
  }
  supportedKeysCache.set(a, out);
  return out;
}

/**
 * The keys any of these actions supports. Resolved action lists are shared between the policies of
 * a run (see checks/actions.ts), so the union is built once per distinct list.
 */
const keysOfMatchesCache = new WeakMap<IamCatalog, WeakMap<readonly ActionInfo[], ReadonlySet<string>>>();

function keysOfMatches(ctx: LintContext, matches: readonly ActionInfo[]): ReadonlySet<string> {
  let byMatches = keysOfMatchesCache.get(ctx.catalog);
  if (!byMatches) {
    byMatches = new WeakMap();
    keysOfMatchesCache.set(ctx.catalog, byMatches);
  }
  let s = byMatches.get(matches);
  if (!s) {
    const union = new Set<string>();
    for (let i = 0; i < matches.length; i++) supportedKeys(ctx, matches[i]).forEach((k) => union.add(k));
    byMatches.set(matches, union);
    s = union;
  }
  return s;
}

const TAG_TEMPLATES: Record<string, string> = { 'aws:resourcetag': 'aws:resourcetag/${tagkey}', 'aws:requesttag': 'aws:requesttag/${tagkey}' };

/**
 * Keys that the statement's actions cannot be evaluated with: an Allow with aws:ResourceTag on
 * actions that ignore it (Access Analyzer's check), and service keys no action of the statement
 * supports (ours).
 */
export function checkKeySupport(ctx: LintContext): void {
  for (const sc of ctx.statements) {
    if (!sc.st.action || sc.actions.length === 0 || sc.st.conditions.length === 0) continue;
    if (sc.actions.some((a) => a.value === '*' || !a.matches || a.invalid)) continue;
    const literal = sc.actions.filter((a) => a.matches!.length === 1 && !/[*?]/.test(a.value));
    const keysOf = (a: (typeof sc.actions)[number]) => keysOfMatches(ctx, a.matches!);
    for (const op of sc.st.conditions) {
      const info = parseConditionOperator(op.operator);
      if (!info) continue;
      for (const k of op.keys) {
        const lower = k.key.toLowerCase();
        const slash = lower.indexOf('/');
        const base = slash > 0 ? lower.slice(0, slash) : lower;
        if (base === 'aws:resourcetag' && slash > 0) {
          // Actions that take tags of any kind (resource or request tags) count as tag-aware, as Access Analyzer counts them.
          const tagAware = (a: (typeof literal)[number]) => [...keysOf(a)].some((x) => x === TAG_TEMPLATES[base] || x === TAG_TEMPLATES['aws:requesttag'] || /^[a-z0-9-]+:resourcetag\//.test(x));
          const bad = literal.filter((a) => !tagAware(a));
          // Only statements that mix tag-aware actions with others: a statement of unaware actions alone is a different mistake.
          if (!bad.length || bad.length >= literal.length || info.ifExists || info.base === 'Null') continue;
          const services = [...new Set(bad.map((a) => a.service))].join(', ');
          const targets = [...bad.map((a) => ({ path: a.path, node: a.node })), { path: k.keyPath, node: k.keyNode }];
          if (sc.effect === 'Allow') {
            ctx.r.add('ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', `Using the effect Allow with the condition key ${k.key} and actions for services with the following prefixes does not affect the policy: ${services}. The actions for the listed service are not allowed by this statement. We recommend that you move these actions to a different statement without this condition key.`, targets);
          } else if (sc.effect === 'Deny' && !info.negated) {
            // A negated operator matches when the key is absent, so such a Deny still denies: only the positive match lets actions through.
            ctx.r.add('DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', `Using the effect Deny with the condition key ${k.key} and actions for services with the following prefixes can be overly permissive: ${services}. The actions for the listed services are not denied by this statement. We recommend that you move these actions to a different statement without this condition key.`, targets);
          }
          continue;
        }
        const colon = lower.indexOf(':');
        const prefix = lower.slice(0, colon);
        if (colon <= 0 || prefix === 'aws' || prefix.includes('.') || !ctx.catalog.isLoaded(prefix)) continue;
        const keyInfo = ctx.catalog.conditionKey(k.key);
        if (!keyInfo) continue;
        const template = keyInfo.key.toLowerCase();
        if (!sc.actions.some((a) => keysOf(a).has(template) || keysOf(a).has(lower))) {
          const names = sc.actions.slice(0, 3).map((a) => a.value).join(', ');
          ctx.r.add('CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS', `None of this statement's actions (${names}${sc.actions.length > 3 ? ', ...' : ''}) supports the condition key ${k.key}, so the request context never has it: ${info.negated || info.base === 'Null' ? 'the condition always matches' : 'the statement never applies'}${info.ifExists ? ' (with IfExists, it always applies)' : ''}. Use a key these actions support, or move the key to a statement with actions that do.`, [{ path: k.keyPath, node: k.keyNode }]);
        }
      }
    }
  }
}
