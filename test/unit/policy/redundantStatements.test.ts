// REDUNDANT_STATEMENT compares only statements whose shape and content hash agree before it builds
// their canonical forms. These policies, drawn from a small pool of elements so that equal statements
// are common (in any key order, with arrays permuted, with and without Sids), check the findings
// against the plain rule: every statement against every earlier one, by canonical form.
import * as assert from 'assert';
import { lint } from './catalog';

let seed = 11;
const random = (n: number): number => Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * n);
const pick = <T>(xs: readonly T[]): T => xs[random(xs.length)];

function shuffled<T>(xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const ACTIONS = [['s3:GetObject'], ['s3:GetObject', 's3:PutObject'], ['s3:GetObject', 's3:GetObject'], ['s3:Get*', 'ec2:Describe*', 'iam:PassRole']];
const RESOURCES = [['*'], ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'], ['arn:aws:s3:::b/*', 'arn:aws:s3:::a/*', 'arn:aws:s3:::a/*']];
const CONDITIONS = [undefined, undefined, { StringEquals: { 'aws:PrincipalAccount': '111122223333' } }, { StringEquals: { 'aws:PrincipalAccount': '444455556666' } }, { Bool: { 'aws:SecureTransport': true } }, { Bool: { 'aws:SecureTransport': 'true' } }];

/** A statement from the pool: a one-string array sometimes written as the string, the lists in any order. */
function statement(): Record<string, unknown> {
  const entries: [string, unknown][] = [
    ['Effect', random(4) ? 'Allow' : 'Deny'],
    ['Action', shuffled(pick(ACTIONS))],
    ['Resource', shuffled(pick(RESOURCES))],
  ];
  for (const e of entries) if (Array.isArray(e[1]) && e[1].length === 1 && random(2)) e[1] = e[1][0];
  const condition = pick(CONDITIONS);
  if (condition) entries.push(['Condition', condition]);
  if (random(3) === 0) entries.push(['Sid', pick(['One', 'Two'])]);
  return Object.fromEntries(shuffled(entries));
}

/** Key order and array order do not count; scalars compare as JSON. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).sort().join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).sort().join(',')}}`;
  return JSON.stringify(v);
}

/** The plain rule: each statement equal (Sid aside, whether it has one included) to an earlier one is paired with the first of them. */
function plainPairs(statements: Record<string, unknown>[]): string[] {
  const key = (st: Record<string, unknown>) => `${'Sid' in st}/${canonical(Object.fromEntries(Object.entries(st).filter(([k]) => k !== 'Sid')))}`;
  const keys = statements.map(key);
  const out: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const first = keys.indexOf(keys[i]);
    if (first < i) out.push(`${first}-${i}`);
  }
  return out;
}

describe('redundant statements against the plain rule', () => {
  it('reports the same pairs for 300 policies of statements drawn from a small pool', () => {
    let reported = 0;
    for (let n = 0; n < 300; n++) {
      const statements = Array.from({ length: 2 + random(15) }, statement);
      const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
      const found = lint(text, 'IDENTITY_POLICY')
        .findings.filter((f) => f.issueCode === 'REDUNDANT_STATEMENT')
        .map((f) => f.locations.map((l) => l.path[1] as { index: number }).map((p) => p.index).join('-'));
      const expected = plainPairs(statements);
      assert.deepStrictEqual(found.sort(), expected.sort(), text);
      reported += expected.length;
    }
    // Equal statements are common, so a check that reports nothing does not pass.
    assert.ok(reported > 40, `${reported} pairs`);
  });
});
