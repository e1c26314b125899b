/** Condition operators, their family, and what they compare. */
export const CONDITION_OPERATORS: ReadonlyArray<{ name: string; family: string; description: string }> = [
  { name: 'StringEquals', family: 'String', description: 'Exact, case-sensitive match.' },
  { name: 'StringNotEquals', family: 'String', description: 'Negated exact, case-sensitive match.' },
  { name: 'StringEqualsIgnoreCase', family: 'String', description: 'Exact match, ignoring case.' },
  { name: 'StringNotEqualsIgnoreCase', family: 'String', description: 'Negated exact match, ignoring case.' },
  { name: 'StringLike', family: 'String', description: 'Case-sensitive match with `*` and `?` wildcards anywhere in the value.' },
  { name: 'StringNotLike', family: 'String', description: 'Negated case-sensitive match with `*` and `?` wildcards.' },
  { name: 'NumericEquals', family: 'Numeric', description: 'Number equal to.' },
  { name: 'NumericNotEquals', family: 'Numeric', description: 'Number not equal to.' },
  { name: 'NumericLessThan', family: 'Numeric', description: 'Number less than.' },
  { name: 'NumericLessThanEquals', family: 'Numeric', description: 'Number less than or equal to.' },
  { name: 'NumericGreaterThan', family: 'Numeric', description: 'Number greater than.' },
  { name: 'NumericGreaterThanEquals', family: 'Numeric', description: 'Number greater than or equal to.' },
  { name: 'DateEquals', family: 'Date', description: 'Date equal to (ISO 8601 or epoch seconds).' },
  { name: 'DateNotEquals', family: 'Date', description: 'Date not equal to.' },
  { name: 'DateLessThan', family: 'Date', description: 'Date before.' },
  { name: 'DateLessThanEquals', family: 'Date', description: 'Date at or before.' },
  { name: 'DateGreaterThan', family: 'Date', description: 'Date after.' },
  { name: 'DateGreaterThanEquals', family: 'Date', description: 'Date at or after.' },
  { name: 'Bool', family: 'Bool', description: 'Boolean match: `"true"` or `"false"`.' },
  { name: 'BinaryEquals', family: 'Binary', description: 'Byte-for-byte match of a base64-encoded value.' },
  { name: 'IpAddress', family: 'IpAddress', description: 'The IP address is in one of the CIDR ranges.' },
  { name: 'NotIpAddress', family: 'IpAddress', description: 'The IP address is in none of the CIDR ranges.' },
  { name: 'ArnEquals', family: 'Arn', description: 'ARN match, part by part, case-sensitive; `*` and `?` allowed in each part.' },
  { name: 'ArnLike', family: 'Arn', description: 'ARN match, part by part, case-sensitive; `*` and `?` allowed in each part.' },
  { name: 'ArnNotEquals', family: 'Arn', description: 'Negated ARN match.' },
  { name: 'ArnNotLike', family: 'Arn', description: 'Negated ARN match.' },
  { name: 'Null', family: 'Null', description: '`"true"`: the key is absent from the request; `"false"`: the key is present.' },
];

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
  const lines = [`**${operator}**: condition operator (${op.family})`, '', op.description];
  if (parts.set === 'ForAllValues') lines.push('', '`ForAllValues:` every value in the request must match one of the listed values. It is also true when the key is missing or its value is an empty set, so pair it with a `Null` check when allowing.');
  if (parts.set === 'ForAnyValue') lines.push('', '`ForAnyValue:` at least one value in the request must match one of the listed values. Use it with multivalued keys.');
  if (parts.ifExists) lines.push('', '`...IfExists`: when the key is absent from the request, the condition is true.');
  return lines.join('\n');
}
