import * as assert from 'assert';
import { acceptTyped, rowMatches, type OfferedRow } from '../../../src/core/prompts/typedChoice';

const principal = (v: string) => (v.startsWith('arn:') ? undefined : `"${v}" is not an ARN.`);
const stsRole: OfferedRow = { label: '$(account) sts-role', description: 'profile', detail: 'arn:aws:sts::123456789012:assumed-role/sts_role/alice', value: 'arn:aws:sts::123456789012:assumed-role/sts_role/alice' };
const app: OfferedRow = { label: '$(account) app-role', description: 'profile', detail: 'arn:aws:sts::123456789012:assumed-role/app_role/alice', value: 'arn:aws:sts::123456789012:assumed-role/app_role/alice' };

describe('prompts: what Enter takes while matches are offered', () => {
  it('uses a valid typed value exactly as typed, whatever row is highlighted', () => {
    const actions = (v: string) => (/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(v) ? undefined : 'not an action');
    const rows = [{ label: 'iam:CreateVirtualMFADevice', value: 'iam:CreateVirtualMFADevice' }, { label: 'iam:CreateUser', value: 'iam:CreateUser' }];
    assert.deepStrictEqual(acceptTyped('iam:CreateUser', rows[0], rows, actions), { value: 'iam:CreateUser' });
    assert.deepStrictEqual(acceptTyped(' s3:GetObject ', { label: 's3:GetObjectAcl', value: 's3:GetObjectAcl' }, rows, actions), { value: 's3:GetObject' });
  });

  it('reads a text that is not a valid value as a filter: the highlighted match is taken (the profile name sts-role)', () => {
    assert.deepStrictEqual(acceptTyped('sts-role', stsRole, [stsRole, app], principal), { value: stsRole.value });
  });

  it('takes the single matching row when the highlight was lost, and asks to choose among several', () => {
    assert.deepStrictEqual(acceptTyped('sts-role', undefined, [stsRole, app], principal), { value: stsRole.value });
    const many = acceptTyped('role', undefined, [stsRole, app], principal);
    assert.ok('problem' in many && /2 rows match "role": choose one\./.test(many.problem), JSON.stringify(many));
  });

  it('never takes a highlighted row the typed text cannot show (a row left from an earlier text)', () => {
    const r = acceptTyped('bob', stsRole, [stsRole, app], principal);
    assert.deepStrictEqual(r, { problem: '"bob" is not an ARN.' });
  });

  it('takes the highlighted row for an empty box, and says what to do when there is none', () => {
    assert.deepStrictEqual(acceptTyped('', app, [stsRole, app], principal), { value: app.value });
    assert.deepStrictEqual(acceptTyped('  ', undefined, [], principal), { problem: 'Type a value or choose one of the rows.' });
  });

  it('matches rows as VS Code filters them: substring, camel-case initials, description and detail, icons ignored', () => {
    assert.ok(rowMatches('CreUs', { label: 'iam:CreateUser' }));
    assert.ok(rowMatches('sts_role', stsRole));
    assert.ok(!rowMatches('account', { label: '$(account) x' }));
    assert.ok(!rowMatches('zz', stsRole));
  });
});
