import fc from 'fast-check';
/**
 * Lines built to make a TextMate grammar backtrack, one class per way a pattern could go
 * quadratic or worse: long runs of a pattern's prefix with its end missing, alternating classes
 * that overlapping quantifiers would split in many ways, deep brackets. Used by the grammar bench
 * (time per line and growth) and the grammar fuzz test (the tokenizer finishes and covers the line).
 */
export interface HostileLineClass {
  readonly name: string;
  /** Root scope of the grammar that tokenizes the line. */
  readonly scope: string;
  /** Lines before the hostile one, so that it is tokenized in the state it would have in a real file. */
  readonly context: string;
  /** The hostile line, `length` characters long (give or take one repeated unit). */
  readonly line: (length: number) => string;
}

/** `head`, then `unit` repeated, then `tail`, about `length` characters in all. */
export function repeatTo(length: number, unit: string, head = '', tail = ''): string {
  const n = Math.max(1, Math.floor((length - head.length - tail.length) / unit.length));
  return head + unit.repeat(n) + tail;
}

const policyHead = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",';
const inResource = `${policyHead}\n      "Resource":`;
const inAction = `${policyHead}\n      "Action":`;
const inCondition = `${policyHead}\n      "Condition": {\n        "StringLike": {`;
const ordinaryJson = '{\n  "name": "example",\n  "files":';

const json = (name: string, context: string, line: (length: number) => string): HostileLineClass => ({ name, scope: 'source.json', context, line });
const config = (name: string, line: (length: number) => string): HostileLineClass => ({ name, scope: 'source.aws-config', context: '[profile dev]\nregion = us-east-1', line });

export const HOSTILE_LINES: readonly HostileLineClass[] = [
  json('policy: ARN strings', inResource, (n) => repeatTo(n, '"arn:aws:s3:::example-bucket/home/*", ', '[', '"*"]')),
  json('ordinary JSON: ARN strings', ordinaryJson, (n) => repeatTo(n, '"arn:aws:s3:::example-bucket/home/*", ', '[', '"*"]')),
  json('policy: ARN with a run of ${', inResource, (n) => repeatTo(n, '${', '"arn:aws:s3:::bucket/', '"')),
  json('policy: ARN part with a run of ${', inResource, (n) => repeatTo(n, '${a', '"arn:aws:', ':::x"')),
  json('policy: run of ${ in a string', inResource, (n) => repeatTo(n, '${', '"', '"')),
  json('policy: unterminated ${ strings', inResource, (n) => repeatTo(n, '"${aws:username", ', '[', '"*"]')),
  json('policy: ARN of colons', inResource, (n) => repeatTo(n, ':', '"arn', '"')),
  json('policy: run of "arn:', inResource, (n) => repeatTo(n, '"arn:', '[')),
  json('policy: long quoted string', inResource, (n) => repeatTo(n, 'a', '"', '"')),
  json('policy: unterminated string', inResource, (n) => repeatTo(n, 'ab/', '"arn:aws:s3:::')),
  json('policy: escaped quotes', inResource, (n) => repeatTo(n, '\\"', '"arn:aws:s3:::', '"')),
  json('policy: alternating * and letters (ARN)', inResource, (n) => repeatTo(n, '*a', '"arn:aws:s3:::', '"')),
  json('policy: alternating * and letters (action)', inAction, (n) => repeatTo(n, '*a', '"s3:', '"')),
  json('policy: actions', inAction, (n) => repeatTo(n, '"s3:GetObject", ', '[', '"s3:*"]')),
  json('policy: service principal of dots', inResource, (n) => repeatTo(n, 'a.', '"', 'amazonaws.co"')),
  json('policy: dashes and digits (region-like)', inResource, (n) => repeatTo(n, 'us-1-', '"arn:aws:ec2:', '"')),
  json('policy: condition key with a run of ${', inCondition, (n) => repeatTo(n, '${', '"aws:PrincipalTag/', '": "x"')),
  json('policy: condition key of dots', inCondition, (n) => repeatTo(n, 'a.', '"', ':x": "y"')),
  json('policy: condition operators', inCondition.replace(/\{\n\s+"StringLike": \{$/, '{'), (n) => repeatTo(n, '"ForAnyValue:StringLikeIfExists": {}, ', '', '"Bool": {}')),
  json('policy: deep brackets', inResource, (n) => '['.repeat(n)),
  json('policy: deep objects', inResource, (n) => repeatTo(n, '{"Statement":')),
  json('ordinary JSON: deep objects', ordinaryJson, (n) => repeatTo(n, '{"a":')),
  config('aws-config: [ and blanks', (n) => repeatTo(n, '[ ')),
  config('aws-config: [ then blanks', (n) => repeatTo(n, ' ', '[')),
  config('aws-config: [profile then blanks', (n) => repeatTo(n, ' ', '[profile')),
  config('aws-config: [ then tabs and blanks, no ]', (n) => repeatTo(n, ' \t', '[', 'x')),
  config('aws-config: blanks only', (n) => repeatTo(n, ' ')),
  config('aws-config: blank then [ and blanks', (n) => repeatTo(n, ' [', ' ')),
  config('aws-config: section without ]', (n) => repeatTo(n, 'a ', '[profile ')),
  config('aws-config: section with text after ]', (n) => repeatTo(n, '] ', '[profile a')),
  config('aws-config: key of words without =', (n) => repeatTo(n, 'a ')),
  config('aws-config: nested key of words without =', (n) => repeatTo(n, 'a ', ' ')),
  config('aws-config: value of ARNs', (n) => repeatTo(n, 'arn:aws:iam::1:', 'role_arn = ')),
  config('aws-config: value of region-like words', (n) => repeatTo(n, 'us-east-1-', 'region = ')),
  config('aws-config: value of numbers and dots', (n) => repeatTo(n, '1.', 'duration_seconds = ')),
  config('aws-config: value of # after blanks', (n) => repeatTo(n, ' #', 'output = ')),
  { name: 'aws-credentials: [ and blanks', scope: 'source.aws-credentials', context: '[default]', line: (n) => repeatTo(n, '[ ') },
  { name: 'authz: dashes (condition-key prefix)', scope: 'text.sts-lens-authz', context: '# Authorization failure', line: (n) => repeatTo(n, 'a-') },
  { name: 'authz: Sid " runs', scope: 'text.sts-lens-authz', context: '# Authorization failure', line: (n) => repeatTo(n, 'Sid "') },
  { name: 'authz: arn: runs', scope: 'text.sts-lens-authz', context: '# Authorization failure', line: (n) => repeatTo(n, 'arn:') },
  { name: 'authz: condition key without blank', scope: 'text.sts-lens-authz', context: '# Authorization failure', line: (n) => repeatTo(n, '${', 'aws:') },
  { name: 'authz: JSON statement line', scope: 'text.sts-lens-authz', context: '## Statement that would allow this', line: (n) => repeatTo(n, '"arn:aws:s3:::b/*", ', '  ["', ']') },
  { name: 'access: dashes (action prefix)', scope: 'text.sts-lens-access', context: 'Access of role/A', line: (n) => repeatTo(n, 'a-') },
  { name: 'access: heading words', scope: 'text.sts-lens-access', context: '', line: (n) => repeatTo(n, 'Added (', 'Added (') },
];

// Pieces of the grammars' syntax that hostile lines repeat: openers without closers, separators, escapes.
const PIECES = ['"', '\\', '\\"', '${', '}', '{', '[', ']', ',', ':', '::', '*', '?', '/', ' ', '\t', '=', '#', ';', '-', '.', '"arn:', 'arn:aws:s3:::', 's3:', 'aws:', '"Statement": [', '"Version": "2012-10-17"', '"Action": ', 'StringLike', 'ForAnyValue:', 'IfExists', '.amazonaws.com', '123456789012', '[profile ', 'region = ', 'us-east-1', 'Sid "', 'DENIED', '\u00a0', '\ud800'];

export interface GrammarLine {
  readonly scope: string;
  readonly context: string;
  readonly line: string;
}

/** Most characters in a generated line: long enough for superlinear patterns to show, short enough for a unit run. */
export const MAX_FUZZ_LINE = 6_000;

/** A hostile line of one of the classes above, with a run of grammar syntax repeated into it at a random place. */
export const grammarLine: fc.Arbitrary<GrammarLine> = fc
  .record({
    cls: fc.constantFrom(...HOSTILE_LINES),
    size: fc.integer({ min: 1, max: 3_000 }),
    run: fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 6 }),
    times: fc.integer({ min: 1, max: 1_000 }),
    at: fc.nat(),
  })
  .map(({ cls, size, run, times, at }) => {
    const base = cls.line(size);
    const where = at % (base.length + 1);
    const line = (base.slice(0, where) + run.join('').repeat(times) + base.slice(where)).slice(0, MAX_FUZZ_LINE);
    return { scope: cls.scope, context: cls.context, line };
  });
