/**
 * Generators of hostile input for the fuzz suite and the per-input timing bench: real policies
 * mutated, generated policy structures, AWS config files, and error text around encoded messages.
 */
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { PROFILE_KEYS } from '../../../src/core/profiles/configLintKeys';
import { fixturePath, repoRoot } from '../fixtures';

/** Real policies to mutate: the test fixtures and a slice of the managed-policy corpus. */
export function seedPolicies(): string[] {
  const dir = fixturePath('policy');
  const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const corpusDir = process.env.STS_LENS_POLICY_CORPUS ?? path.join(repoRoot(), '..', 'shared', 'corpus', 'aws-managed-policies');
  const corpus = fs.existsSync(corpusDir)
    ? fs.readdirSync(corpusDir).filter((f) => f.endsWith('.json')).slice(0, 60).map((f) => JSON.stringify((JSON.parse(fs.readFileSync(path.join(corpusDir, f), 'utf8')) as { document: unknown }).document, null, 2))
    : [];
  return [...fixtures, ...corpus];
}

// Edits that break policies the way people and attackers do: cut, repeat, insert syntax.
const TOKENS = ['{', '}', '[', ']', '"', '\\', ',', ':', '${', '}', '*', '?', '//', '/*', '\n', '"Statement"', '"Action"', '"Condition"', '"arn:aws:s3:::', 'null', '-1e999', '\u00a0', '\ud800'];
export const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), length: fc.nat({ max: 60 }), times: fc.integer({ min: 2, max: 50 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })) }),
  fc.record({ op: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 3000 }) }),
);
export type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

export function mutate(text: string, m: Mutation): string {
  const at = text.length ? m.at % (text.length + 1) : 0;
  switch (m.op) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'repeat':
      return text.slice(0, at) + text.slice(at, at + m.length).repeat(m.times) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'nest':
      return `${text.slice(0, at)}${'['.repeat(m.depth)}${']'.repeat(m.depth)}${text.slice(at)}`;
  }
}

const ACTIONS = ['s3:GetObject', 's3:Get*', 's3:*', '*', 'ec2:Describe*', 'iam:PassRole', 'sts:AssumeRole', 'kms:Decrypt', 'S3:getobject', 'nope:Nothing', ''];
const element = fc.oneof(fc.constantFrom(...ACTIONS), fc.array(fc.constantFrom(...ACTIONS), { maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }));
const statement = fc.dictionary(fc.constantFrom('Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'effect', 'Extra'), element, { maxKeys: 7 });
export const structured = fc.record({ Version: fc.constantFrom('2012-10-17', '2008-10-17', 1, null), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 5 })) }, { requiredKeys: [] }).map((p) => JSON.stringify(p, null, 2));

/** Real policies with a few mutations, generated policy structures, and random JSON or text. */
export function policyText(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([base, ms]) => ms.reduce(mutate, base)),
    structured,
    fc.json({ maxDepth: 6 }),
    fc.string({ maxLength: 200 }),
  );
}

// Pieces of real error output: the anchor phrase whole and cut, what wraps and quotes it, gutters.
const FRAGMENTS = [
  'Encoded authorization failure message:',
  'Encoded authorization failure message',
  'Encoded',
  'encoded',
  'authorization',
  ' failure',
  'message',
  'Encoded authoriza\ntion failure message: ',
  '"EncodedMessage": "',
  'encoded_message=',
  '--encoded-message ',
  '<EncodedMessage>',
  'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ec2:RunInstances on resource: * ',
  'with an explicit deny in a service control policy. ',
  ' ',
  '\t',
  '\u00a0',
  '\n',
  '\r\n',
  '\n> ',
  '\n│ ',
  '\n  ',
  '\\n',
  '\\"',
  ':',
  '=',
  '"',
  '...',
  '\u001b[31m',
];
const token = fc.stringMatching(/^[\w-]{1,80}$/);
export const authzText = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), token, fc.string({ maxLength: 6 })), { maxLength: 60 }).map((parts) => parts.join(''));

/** A message as STS returns it: base64url, several hundred characters. */
export const encodedMessage = fc.stringMatching(/^[\w-]{300,600}$/).filter((m) => /[A-Z]/.test(m) && /[a-z]/.test(m) && /\d/.test(m) && !/^(?:eyJ|AQoD|IQoJ|FwoG|FQoG|AAAA)/.test(m));

const name = fc.oneof(fc.constantFrom('default', 'dev', 'prod', 'a', 'corp'), fc.stringMatching(/^[\w.@-]{1,12}$/), fc.string({ maxLength: 10 }));
const key = fc.oneof(fc.constantFrom(...PROFILE_KEYS, 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 's3', 'sso_session'), fc.stringMatching(/^[a-z_]{1,30}$/), fc.string({ maxLength: 12 }));
const value = fc.oneof(
  fc.constantFrom('us-east-1', 'arn:aws:iam::123456789012:role/Admin', 'arn:aws:iam::123456789012:mfa/me', 'Environment', '3600', 'https://example.awsapps.com/start', 'json', ''),
  name,
  fc.string({ maxLength: 40 }),
);
const line = fc.oneof(
  name.map((n) => `[profile ${n}]`),
  name.map((n) => `[${n}]`),
  name.map((n) => `[sso-session ${n}]`),
  fc.constantFrom('[profile', '[]', '[ profile  x ]  trailing', '# comment', '; comment', '', '  indented = continuation'),
  fc.tuple(key, fc.constantFrom(' = ', '=', ': ', ' '), value).map(([k, s, v]) => `${k}${s}${v}`),
  name.map((n) => `source_profile = ${n}`),
  fc.string({ maxLength: 30 }),
);
export const configFile = fc.tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));
