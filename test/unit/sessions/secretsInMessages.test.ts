import * as assert from 'assert';
import { describeFailure } from '../../../src/aws/accessAnalyzer';
import { classifyDecodeFailure } from '../../../src/aws/decodeAuthorizationMessage';
import { StsCallError } from '../../../src/aws/errors';
import { describeDecodeFailure, type DecodeFailureKind } from '../../../src/core/authz/decodeErrors';
import { lintAwsConfig } from '../../../src/core/profiles/configLint';
import { explainStsError } from '../../../src/core/sessions/errors';
import { CREDENTIALS_FILE_KEYS, PROFILE_KEYS, SSO_SESSION_KEYS } from '../../../src/core/profiles/configLintKeys';
import { looksLikeSecretFragment } from '../../../src/core/sessions/redact';
import { assertNoSentinel, SENTINEL } from './redact.test';

/** Error texts that carry the sentinels the ways services and SDKs have been seen to. */
function leakyTexts(): string[] {
  const { keyId, secret, token, oldToken } = SENTINEL;
  return [
    `Credential should be scoped to a valid region. ${keyId}/${secret}`,
    `request to https://sts.amazonaws.com/?X-Amz-Security-Token=${encodeURIComponent(token)}&X-Amz-Credential=${keyId}%2F20240101 failed`,
    `{"SessionToken":"${token.replace(/\//g, '\\/')}","SecretAccessKey":"${secret}"}`,
    `token was:\n${oldToken.match(/.{1,44}/g)!.join('\n')}\nend`,
    `bad value creds/${secret}/x in field`,
  ];
}

describe('no credential reaches a message', () => {
  it('STS operation errors: the wrapped error, its input and the explanation', () => {
    for (const text of leakyTexts()) {
      for (const name of ['Weird', 'ValidationError', 'AccessDenied', 'ExpiredToken']) {
        const e = StsCallError.from(Object.assign(new Error(text), { name, cause: { code: 'X', message: text } }), 'AssumeRole', { roleArn: 'arn:aws:iam::123456789012:role/r' });
        const x = explainStsError(e.input);
        assertNoSentinel([e.message, e.input.message, x.message, x.next].join('\n'));
      }
    }
  });

  it('decode errors, whatever their kind', () => {
    const kinds: DecodeFailureKind[] = ['access-denied', 'invalid-message', 'timeout', 'unreachable', 'credentials', 'throttled', 'other'];
    for (const text of leakyTexts()) {
      const classified = classifyDecodeFailure(Object.assign(new Error(text), { name: 'ExpiredToken' }), false);
      for (const kind of kinds) {
        const shown = describeDecodeFailure(kind, { identity: 'dev', region: 'us-east-1', timeoutSeconds: 15, code: classified.code, detail: classified.message });
        assertNoSentinel(shown.message);
      }
    }
  });

  it('IAM Access Analyzer errors', () => {
    for (const text of leakyTexts()) {
      for (const name of ['AccessDeniedException', 'ValidationException', 'ExpiredToken', 'Weird', 'TimeoutError']) {
        assertNoSentinel(describeFailure(Object.assign(new Error(text), { name })).message);
      }
    }
  });

  it('config-lint diagnostics, including a session token wrapped onto lines that look like settings', () => {
    const { keyId, secret, token } = SENTINEL;
    const lines = token.match(/.{1,50}/g)!;
    const credentials = `[default]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\naws_session_token = ${lines[0]}\n${lines.slice(1).join('\n')}\n${secret} = x\n`;
    const config = `[profile dev]\nrole_arn = ${secret}\nmfa_serial = ${token}\nregion = ${secret}\nsource_profile = ${secret}\n${lines[3]}\n${lines[4]} = ${lines[5]}\n`;
    const findings = [...lintAwsConfig(credentials, 'credentials'), ...lintAwsConfig(config, 'config')];
    assert.ok(findings.length > 5);
    assertNoSentinel(findings.map((f) => f.message).join('\n'));
    assert.ok(findings.some((f) => /looks like part of a credential/.test(f.message)), findings.map((f) => f.message).join('\n'));
  });
});

describe('secret fragments', () => {
  it('never takes a setting name, a profile name or a word for part of a credential', () => {
    for (const name of [...CREDENTIALS_FILE_KEYS, ...PROFILE_KEYS, ...SSO_SESSION_KEYS, 'AWS_ACCESS_KEY_ID', 'production', 'ReadOnlyAccess', 'DeveloperAccess', 'AdministratorAccess2024']) {
      assert.strictEqual(looksLikeSecretFragment(name), false, name);
    }
  });

  it('takes lines of a wrapped token and a misplaced secret for credential parts', () => {
    for (const piece of SENTINEL.token.match(/.{1,50}/g)!.slice(1, -1)) assert.strictEqual(looksLikeSecretFragment(piece), true, piece);
    assert.strictEqual(looksLikeSecretFragment(SENTINEL.secret), true);
  });
});
