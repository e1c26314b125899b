import * as assert from 'assert';
import { parsePolicy } from '../../../src/core/policy/parse';
import { summarizeStatements, summarizeTrust } from '../../../src/core/policy/insight';
import { catalogFor, readFixture } from './helpers';

describe('statement summaries', () => {
  it('counts actions by access level, resources and conditions', () => {
    const text = readFixture('identity-s3.json');
    const [first] = summarizeStatements(text, catalogFor(text));
    assert.strictEqual(first.sid, 'ReadWrite');
    assert.strictEqual(first.text, 'Allows 3 actions (1 write, 1 read, 1 list) on 2 resources · 1 condition');
    assert.deepStrictEqual(first.actions.map((a) => `${a.service}:${a.name}`), ['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    assert.strictEqual(first.offset, text.indexOf('{\n      "Sid"'));
  });

  it('expands wildcards against the IAM data', () => {
    const text = readFixture('identity-s3.json');
    const catalog = catalogFor(text);
    const [, deny] = summarizeStatements(text, catalog);
    const expected = catalog.actions('s3').filter((a) => /^Delete/i.test(a.name));
    assert.ok(expected.length > 5, 'the data has s3:Delete* actions');
    assert.strictEqual(deny.actions.length, expected.length);
    const count = (level: string) => expected.filter((a) => a.accessLevel.split(',')[0] === level).length;
    const levels = [['Permissions management', 'permissions'], ['Write', 'write'], ['Tagging', 'tagging']].filter(([l]) => count(l)).map(([l, w]) => `${count(l)} ${w}`);
    assert.strictEqual(deny.text, `Denies ${expected.length} actions (${levels.join(', ')}) on all resources`);
  });

  it('says so when a statement allows every action', () => {
    const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}';
    const [s] = summarizeStatements(text, catalogFor(text));
    assert.strictEqual(s.text, 'Allows all actions (*) on all resources');
    assert.strictEqual(s.allActions, true);
  });

  it('describes NotAction and NotResource statements as exceptions', () => {
    const text = '{"Statement":[{"Effect":"Deny","NotAction":["iam:GetUser","nosuch:Thing"],"NotResource":["arn:aws:iam::*:user/${aws:username}"]}]}';
    const [s] = summarizeStatements(text, catalogFor(text));
    assert.strictEqual(s.text, 'Denies every action except 1 action (1 read) + 1 unresolved pattern on all resources except 1 resource');
  });

  it('names the principals of a resource-policy statement', () => {
    const text = '{"Statement":[{"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:role/Reader"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}';
    const [s] = summarizeStatements(text, catalogFor(text));
    assert.strictEqual(s.text, 'Allows 1 action (1 read) to account 111122223333, role Reader (444455556666) on 1 resource');
  });
});

describe('trust policy summary', () => {
  it('lists who can assume the role, and flags principals without conditions', () => {
    assert.strictEqual(summarizeTrust(readFixture('trust-github.json')).text, 'Can be assumed by GitHub Actions (OIDC), service ec2.amazonaws.com (no condition)');
    assert.strictEqual(summarizeTrust(readFixture('trust-cross-account.json')).text, 'Can be assumed by account 111122223333 (no condition)');
  });

  it('ignores Deny statements and non-assume actions', () => {
    const text = '{"Statement":[{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"s3:GetObject"}]}';
    assert.strictEqual(summarizeTrust(parsePolicy(text)).text, 'Nobody can assume this role: no Allow statement names a principal');
  });

  it('summarises SAML and public principals', () => {
    const text = '{"Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/Okta"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}},{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}';
    assert.strictEqual(summarizeTrust(text).text, 'Can be assumed by SAML Okta, anyone (*) (no condition)');
  });
});
