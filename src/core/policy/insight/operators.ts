import * as l10n from '@vscode/l10n';

/** Condition operators and their family. */
export const CONDITION_OPERATORS: ReadonlyArray<{ name: string; family: string }> = [
  { name: 'StringEquals', family: 'String' },
  { name: 'StringNotEquals', family: 'String' },
  { name: 'StringEqualsIgnoreCase', family: 'String' },
  { name: 'StringNotEqualsIgnoreCase', family: 'String' },
  { name: 'StringLike', family: 'String' },
  { name: 'StringNotLike', family: 'String' },
  { name: 'NumericEquals', family: 'Numeric' },
  { name: 'NumericNotEquals', family: 'Numeric' },
  { name: 'NumericLessThan', family: 'Numeric' },
  { name: 'NumericLessThanEquals', family: 'Numeric' },
  { name: 'NumericGreaterThan', family: 'Numeric' },
  { name: 'NumericGreaterThanEquals', family: 'Numeric' },
  { name: 'DateEquals', family: 'Date' },
  { name: 'DateNotEquals', family: 'Date' },
  { name: 'DateLessThan', family: 'Date' },
  { name: 'DateLessThanEquals', family: 'Date' },
  { name: 'DateGreaterThan', family: 'Date' },
  { name: 'DateGreaterThanEquals', family: 'Date' },
  { name: 'Bool', family: 'Bool' },
  { name: 'BinaryEquals', family: 'Binary' },
  { name: 'IpAddress', family: 'IpAddress' },
  { name: 'NotIpAddress', family: 'IpAddress' },
  { name: 'ArnEquals', family: 'Arn' },
  { name: 'ArnLike', family: 'Arn' },
  { name: 'ArnNotEquals', family: 'Arn' },
  { name: 'ArnNotLike', family: 'Arn' },
  { name: 'Null', family: 'Null' },
];

/** What an operator compares, in words (Markdown); undefined for a name that is not a condition operator. */
export function operatorDescription(name: string): string | undefined {
  switch (name) {
    case 'StringEquals':
      return l10n.t('Exact, case-sensitive match.');
    case 'StringNotEquals':
      return l10n.t('Negated exact, case-sensitive match.');
    case 'StringEqualsIgnoreCase':
      return l10n.t('Exact match, ignoring case.');
    case 'StringNotEqualsIgnoreCase':
      return l10n.t('Negated exact match, ignoring case.');
    case 'StringLike':
      return l10n.t('Case-sensitive match with `*` and `?` wildcards anywhere in the value.');
    case 'StringNotLike':
      return l10n.t('Negated case-sensitive match with `*` and `?` wildcards.');
    case 'NumericEquals':
      return l10n.t('Number equal to.');
    case 'NumericNotEquals':
      return l10n.t('Number not equal to.');
    case 'NumericLessThan':
      return l10n.t('Number less than.');
    case 'NumericLessThanEquals':
      return l10n.t('Number less than or equal to.');
    case 'NumericGreaterThan':
      return l10n.t('Number greater than.');
    case 'NumericGreaterThanEquals':
      return l10n.t('Number greater than or equal to.');
    case 'DateEquals':
      return l10n.t('Date equal to (ISO 8601 or epoch seconds).');
    case 'DateNotEquals':
      return l10n.t('Date not equal to.');
    case 'DateLessThan':
      return l10n.t('Date before.');
    case 'DateLessThanEquals':
      return l10n.t('Date at or before.');
    case 'DateGreaterThan':
      return l10n.t('Date after.');
    case 'DateGreaterThanEquals':
      return l10n.t('Date at or after.');
    case 'Bool':
      return l10n.t('Boolean match: `"true"` or `"false"`.');
    case 'BinaryEquals':
      return l10n.t('Byte-for-byte match of a base64-encoded value.');
    case 'IpAddress':
      return l10n.t('The IP address is in one of the CIDR ranges.');
    case 'NotIpAddress':
      return l10n.t('The IP address is in none of the CIDR ranges.');
    case 'ArnEquals':
    case 'ArnLike':
      return l10n.t('ARN match, part by part, case-sensitive; `*` and `?` allowed in each part.');
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return l10n.t('Negated ARN match.');
    case 'Null':
      return l10n.t('`"true"`: the key is absent from the request; `"false"`: the key is present.');
  }
  return undefined;
}

export interface OperatorParts {
  readonly set?: 'ForAllValues' | 'ForAnyValue';
  readonly base: string;
  readonly ifExists: boolean;
  readonly known: boolean;
}

export function splitOperator(operator: string): OperatorParts {
  let rest = operator;
  let set: OperatorParts['set'];
  const m = /^(ForAllValues|ForAnyValue):/.exec(rest);
  if (m) {
    set = m[1] as OperatorParts['set'];
    rest = rest.slice(m[0].length);
  }
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  return { set, base, ifExists, known: CONDITION_OPERATORS.some((o) => o.name === base) };
}

/** Markdown describing an operator, including its set and IfExists parts. */
export function describeOperator(operator: string): string | undefined {
  const parts = splitOperator(operator);
  const op = CONDITION_OPERATORS.find((o) => o.name === parts.base);
  if (!op) return undefined;
  const lines = [l10n.t('**{0}**: condition operator ({1})', operator, op.family), '', operatorDescription(op.name) ?? ''];
  if (parts.set === 'ForAllValues') lines.push('', l10n.t('`ForAllValues:` every value in the request must match one of the listed values. It is also true when the key is missing or its value is an empty set, so pair it with a `Null` check when allowing.'));
  if (parts.set === 'ForAnyValue') lines.push('', l10n.t('`ForAnyValue:` at least one value in the request must match one of the listed values. Use it with multivalued keys.'));
  if (parts.ifExists && parts.set === 'ForAnyValue') lines.push('', l10n.t('`...IfExists` changes nothing after `ForAnyValue:`: when the key is absent from the request, the condition is still false.'));
  else if (parts.ifExists) lines.push('', l10n.t('`...IfExists`: when the key is absent from the request, the condition is true.'));
  return lines.join('\n');
}
