import * as assert from 'assert';
import { completeAt, findSection, referenceAt } from '../../../src/core/profiles/configLintComplete';
import { KEY_DOCS } from '../../../src/core/profiles/configLintDocs';
import { CREDENTIALS_FILE_KEYS, PROFILE_KEYS, SSO_SESSION_KEYS } from '../../../src/core/profiles/configLintKeys';

const CONFIG = [
  '[profile base]', //          0
  'region = us-east-1', //      1
  '', //                        2
  '[profile admin]', //         3
  'role_arn = arn:aws:iam::123456789012:role/A', // 4
  'source_profile = ', //       5
  'credential_source = E', //   6
  'reg', //                     7
  's3 =', //                    8
  '  max_con', //               9
  '', //                       10
  '[sso-session corp]', //     11
  'sso_', //                   12
  '', //                       13
  '[profile sso]', //          14
  'sso_session = ', //         15
].join('\n');

function labels(line: number, column: number, other: string[] = []): string[] {
  return completeAt(CONFIG, 'config', line, column, other)?.items.map((i) => i.label) ?? [];
}

describe('config completions', () => {
  it('offers profile names from both files for source_profile, except the profile itself', () => {
    assert.deepStrictEqual(labels(5, 17, ['keys-only']), ['base', 'keys-only', 'sso']);
    const r = completeAt(CONFIG, 'config', 5, 17)?.range;
    assert.deepStrictEqual(r, { startLine: 5, startColumn: 17, endLine: 5, endColumn: 17 });
  });

  it('offers the three credential sources, replacing what is typed', () => {
    const c = completeAt(CONFIG, 'config', 6, 21);
    assert.deepStrictEqual(c?.items.map((i) => i.label), ['Environment', 'Ec2InstanceMetadata', 'EcsContainer']);
    assert.deepStrictEqual(c?.range, { startLine: 6, startColumn: 20, endLine: 6, endColumn: 21 });
  });

  it('offers profile keys not yet set, with documentation', () => {
    const items = completeAt(CONFIG, 'config', 7, 3)?.items ?? [];
    const names = items.map((i) => i.label);
    assert.ok(names.includes('region') && names.includes('mfa_serial'));
    assert.ok(!names.includes('role_arn'), 'role_arn is already set in this profile');
    assert.strictEqual(items.find((i) => i.label === 'region')?.insertText, 'region = ');
    assert.match(items.find((i) => i.label === 'duration_seconds')?.documentation ?? '', /3600/);
  });

  it('offers S3 settings under s3 =, sso-session keys in an sso-session, and sso-session names', () => {
    assert.ok(labels(9, 9).includes('max_concurrent_requests'));
    assert.ok(!labels(9, 9).includes('region'));
    assert.deepStrictEqual(labels(12, 4), [...SSO_SESSION_KEYS]);
    assert.deepStrictEqual(labels(15, 14), ['corp']);
  });

  it('offers credential keys in the credentials file and nothing in comments or headers', () => {
    const text = '[dev]\naws\n# comment\n[pro';
    assert.deepStrictEqual(completeAt(text, 'credentials', 1, 3)?.items.map((i) => i.label), [...CREDENTIALS_FILE_KEYS]);
    assert.strictEqual(completeAt(text, 'credentials', 2, 5), undefined);
    assert.strictEqual(completeAt(text, 'credentials', 3, 4), undefined);
    assert.strictEqual(completeAt('region = x', 'config', 0, 3), undefined, 'no section yet');
  });

  it('documents only settings the linter knows', () => {
    assert.deepStrictEqual(Object.keys(KEY_DOCS).filter((k) => !PROFILE_KEYS.includes(k)), []);
  });
});

describe('config references', () => {
  const text = '[profile a]\nsource_profile = b\nsso_session = corp\nservices = local\nregion = us-east-1\n\n[profile b]\n[sso-session corp]\n[services local]\n';

  it('finds the reference under the cursor and the section it names', () => {
    const ref = referenceAt(text, 1, 18);
    assert.deepStrictEqual(ref, { name: 'b', target: 'profile', range: { startLine: 1, startColumn: 17, endLine: 1, endColumn: 18 } });
    assert.deepStrictEqual(findSection(text, 'config', 'b', 'profile'), { startLine: 6, startColumn: 0, endLine: 6, endColumn: 11 });
    assert.strictEqual(findSection(text, 'config', referenceAt(text, 2, 15)?.name ?? '', 'sso-session')?.startLine, 7);
    assert.strictEqual(findSection(text, 'config', referenceAt(text, 3, 12)?.name ?? '', 'services')?.startLine, 8);
    assert.strictEqual(referenceAt(text, 4, 10), undefined, 'region is not a reference');
    assert.strictEqual(referenceAt(text, 1, 3), undefined, 'the key is not the reference');
  });

  it('finds profiles in the credentials file by their bare names', () => {
    assert.strictEqual(findSection('[default]\n[b]\n', 'credentials', 'b', 'profile')?.startLine, 1);
    assert.strictEqual(findSection('[default]\n[b]\n', 'config', 'b', 'profile'), undefined, 'config needs [profile b]');
  });
});
