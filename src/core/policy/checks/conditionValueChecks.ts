// The values under a condition key, checked against the operator's family and the key's type in the catalog.
import type { ConditionKeyInfo } from '../catalog';
import type { LintContext, StatementContext } from '../context';
import type { ParsedConditionKey, ParsedValue } from '../parse';
import type { Target } from '../report';
import { hostBitsSet, isPrivate, maskedAddress, parseCidr, validDate } from './conditionValues';
import type { ConditionOperatorInfo, OperatorFamily } from './conditionOperators';
import { numericValue } from '../numericValues';
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

export function keyTarget(k: ParsedConditionKey): Target {
  return { path: k.keyPath, node: k.keyNode };
}

function jsonType(v: ParsedValue): string {
  return v.value === null ? 'null' : typeof v.value;
}

/** Whether the values are of more than one JSON type. */
export function mixedJsonTypes(values: readonly ParsedValue[]): boolean {
  for (let i = 1; i < values.length; i++) if (jsonType(values[i]) !== jsonType(values[0])) return true;
  return false;
}

/** One function for every value: a closure made per call would be an object per value. */
const nothing = () => '';

function stringValue(v: ParsedValue): string {
  return typeof v.value === 'string' ? v.value : String(v.value);
}

export function checkValues(ctx: LintContext, sc: StatementContext, info: ConditionOperatorInfo, k: ParsedConditionKey, keyInfo: ConditionKeyInfo | undefined): void {
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
        if (Number.isNaN(numericValue(v.value))) r.add('TYPE_MISMATCH_NUMBER', `Add a valid numeric value for the condition operator ${info.text}.`, [valueTarget(v)]);
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
    // Not Arn: AWS documents that under ArnEquals and ArnLike alike each ARN component "can include
    // multi-character match wildcards (*) or single-character match wildcards (?)".
    case 'String':
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
        return !Number.isNaN(numericValue(v.value));
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
