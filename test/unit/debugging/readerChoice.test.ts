import * as assert from 'assert';
import { suggestedReader } from '../../../src/core/debugging/readerChoice';

describe('the identity offered to read an account\'s policies after a partial answer', () => {
  const sandbox = [
    { name: 'default' },
    { name: 'sts-user' },
    { name: 'auditor', account: '123456789012' },
    { name: 'policy-reader' },
    { name: 'iam-only-reader' },
  ];

  it('offers the profile whose name says most clearly that it reads policies', () => {
    assert.strictEqual(suggestedReader(sandbox, { account: '123456789012', current: 'default' }), 'policy-reader');
  });

  it('never offers the identity that just failed to read them', () => {
    assert.strictEqual(suggestedReader([{ name: 'policy-reader' }, { name: 'security-audit' }], { current: 'policy-reader' }), 'security-audit');
    assert.strictEqual(suggestedReader([{ name: 'policy-reader' }], { current: 'policy-reader' }), undefined);
  });

  it('offers first the profile that last read every part of the same account\'s policies', () => {
    assert.strictEqual(suggestedReader(sandbox, { account: '123456789012', current: 'iam-only-reader', remembered: 'sts-user' }), 'sts-user');
  });

  it('forgets a remembered profile that is gone from the config', () => {
    assert.strictEqual(suggestedReader(sandbox, { account: '123456789012', current: 'default', remembered: 'old-reader' }), 'policy-reader');
  });

  it('never offers a profile whose role is in another account', () => {
    const candidates = [{ name: 'prod-auditor', account: '999988887777' }, { name: 'dev' }];
    assert.strictEqual(suggestedReader(candidates, { account: '123456789012', current: 'dev' }), undefined);
    assert.strictEqual(suggestedReader(candidates, { account: '999988887777', current: 'dev' }), 'prod-auditor');
  });

  it('offers nothing when no name stands out, rather than a guess', () => {
    assert.strictEqual(suggestedReader([{ name: 'dev' }, { name: 'prod' }], { current: 'dev' }), undefined);
  });

  it('breaks ties in config order', () => {
    assert.strictEqual(suggestedReader([{ name: 'dev' }, { name: 'ReadOnly' }, { name: 'readonly-eu' }], { current: 'dev' }), 'ReadOnly');
  });
});
