import * as assert from 'assert';
import { describeDecodeFailure } from '../../../src/core/authz/decodeErrors';

describe('access denied on DecodeAuthorizationMessage itself, with STS\'s real wording', () => {
  const c = { identity: 'ci-deployer', region: 'us-east-1', timeoutSeconds: 15 };

  it('an SCP deny: says granting will not help', () => {
    const detail = 'User: arn:aws:sts::111122223333:assumed-role/ci-deployer/gha is not authorized to perform: sts:DecodeAuthorizationMessage with an explicit deny in a service control policy';
    const text = describeDecodeFailure('access-denied', { ...c, detail }).message;
    assert.strictEqual(text, 'Could not decode the message: ci-deployer is not allowed to call sts:DecodeAuthorizationMessage. AWS says it is explicitly denied in a service control policy, so granting it elsewhere will not help: decode it as another profile, or ask the owner of that policy.');
  });

  it('no identity-based policy allows it: says to grant it', () => {
    const detail = 'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:DecodeAuthorizationMessage because no identity-based policy allows the sts:DecodeAuthorizationMessage action';
    const text = describeDecodeFailure('access-denied', { ...c, detail }).message;
    assert.match(text, /AWS says no identity-based policy allows it\. Decode it as a profile whose policy allows sts:DecodeAuthorizationMessage, or ask an administrator to grant it\.$/);
  });

  it('without STS\'s text, the general advice', () => {
    assert.match(describeDecodeFailure('access-denied', c).message, /is not allowed to call sts:DecodeAuthorizationMessage\. Decode it as a profile/);
  });
});
