import * as assert from 'assert';
import { classifyDecodeFailure } from '../../../src/aws/decodeAuthorizationMessage';
import { describeDecodeFailure } from '../../../src/core/authz/decodeErrors';

describe('decode failures', () => {
  const sdkError = (name: string, status?: number, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status }, ...extra });

  it('sorts SDK errors into what the person can act on', () => {
    assert.strictEqual(classifyDecodeFailure(sdkError('AccessDenied', 403), false).kind, 'access-denied');
    assert.strictEqual(classifyDecodeFailure(sdkError('InvalidAuthorizationMessageException', 400), false).kind, 'invalid-message');
    assert.strictEqual(classifyDecodeFailure(sdkError('ExpiredToken', 403), false).kind, 'credentials');
    assert.strictEqual(classifyDecodeFailure(sdkError('Throttling', 400), false).kind, 'throttled');
    assert.strictEqual(classifyDecodeFailure(sdkError('AbortError'), true).kind, 'timeout');
    assert.strictEqual(classifyDecodeFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), false).kind, 'unreachable');
    assert.strictEqual(classifyDecodeFailure(sdkError('SomethingNew', 500), false).kind, 'other');
  });

  it('says what failed, why and what to do next', () => {
    const c = { identity: 'dev-admin', region: 'eu-west-1', timeoutSeconds: 15 };
    assert.match(describeDecodeFailure('access-denied', c).message, /dev-admin is not allowed to call sts:DecodeAuthorizationMessage\. Decode it as a profile/);
    assert.deepStrictEqual(describeDecodeFailure('access-denied', c).actions, ['pickProfile', 'showLog']);
    assert.match(describeDecodeFailure('invalid-message', c).message, /InvalidAuthorizationMessageException.*incomplete, altered by copying, or from another account/);
    assert.match(describeDecodeFailure('timeout', { ...c, endpoint: 'https://sts.example' }).message, /STS at https:\/\/sts\.example did not answer within 15 seconds/);
    assert.match(describeDecodeFailure('unreachable', { ...c, code: 'ENOTFOUND' }).message, /Could not reach STS in eu-west-1 \(ENOTFOUND\)\. Check the endpoint_url of dev-admin/);
    assert.deepStrictEqual(describeDecodeFailure('cancelled', c).actions, []);
  });
});
