// STS error explanations as the editor shows them (vscode.l10n.t in VS Code's English): every kind reads as
// core's English, and the notification's words for a failed call read as they always have.
import * as assert from 'assert';
import { explainStsError, STS_ERROR_KINDS, stsErrorEnglish, stsErrorWording, type StsErrorInput, type StsErrorWording } from '../../src/core/sessions/errors';
import { explain } from '../../src/vscode/profiles/errorUi';
import { stsErrorText } from '../../src/vscode/profiles/stsErrorText';
import { likelyDenialCause } from '../../src/core/sessions/denialHints';
import { likelyCauseText } from '../../src/vscode/profiles/denialHintText';

const ROLE = 'arn:aws:iam::123456789012:role/sts_role';
const SECRET = 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** Each kind with and without the values it may name. */
function samples(): StsErrorWording[] {
  return STS_ERROR_KINDS.flatMap((kind) => [
    { kind, operation: 'AssumeRole' },
    { kind, operation: 'GetCallerIdentity', roleArn: ROLE, endpoint: 'http://127.0.0.1:1', profile: 'corp', detail: 'Value at durationSeconds failed to satisfy constraint' },
  ]);
}

describe('STS error explanations in the editor', () => {
  it('words every kind as core\'s English, with and without a role, endpoint, profile and detail', () => {
    const all = samples();
    assert.deepStrictEqual(all.map(stsErrorText), all.map(stsErrorEnglish));
  });

  it('reads an expired token, a wrong MFA code, an unreachable endpoint and an unknown error exactly as core does', () => {
    const inputs: StsErrorInput[] = [
      { operation: 'AssumeRole', name: 'ExpiredTokenException', message: 'The security token included in the request is expired' },
      { operation: 'AssumeRole', name: 'AccessDenied', message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.' },
      { operation: 'AssumeRole', name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:1', endpoint: 'http://127.0.0.1:1' },
      { operation: 'AssumeRole', name: 'Weird', message: `failed with ${SECRET}` },
    ];
    const editor = inputs.map((i) => ({ kind: stsErrorWording(i).wording.kind, ...stsErrorText(stsErrorWording(i).wording) }));
    assert.deepStrictEqual(editor.map((x) => x.kind), ['expiredToken', 'mfaInvalid', 'unreachable', 'unknown']);
    assert.deepStrictEqual(editor, inputs.map((i) => { const x = explainStsError(i); return { kind: x.kind, message: x.message, next: x.next }; }));
    assert.strictEqual(editor[0].message, 'AssumeRole failed because the credentials it used have expired.');
    assert.strictEqual(editor[1].next, 'Wait for your authenticator to show a new code and enter that one.');
    assert.strictEqual(editor[2].message, 'AssumeRole could not reach the STS endpoint (http://127.0.0.1:1).');
    assert.doesNotMatch(editor[3].message, /wJalr/);
  });

  it('explains a failed call in the notification\'s words as core does, secrets redacted', () => {
    const e = Object.assign(new Error(`The security token included in the request is expired; ${SECRET}`), { name: 'ExpiredTokenException' });
    const x = explain(e, 'GetCallerIdentity');
    assert.deepStrictEqual(x, { ...explainStsError({ operation: 'GetCallerIdentity', name: e.name, message: e.message }), operation: 'GetCallerIdentity', roleArn: undefined, profile: undefined });
    const unknown = explain(new Error(`boom ${SECRET}`), 'Refresh');
    assert.strictEqual(unknown?.kind, 'unknown');
    assert.match(unknown!.message, /^Refresh failed: boom /);
    assert.doesNotMatch(unknown!.message, /wJalr/);
  });

  it('words the likely cause of a denial as core\'s English', () => {
    const mfaTrust = JSON.stringify({ Statement: [{ Effect: 'Allow', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] });
    const causes = [
      likelyDenialCause({ roleName: 'cross_account_role', sentExternalId: false, sentMfa: false, profiles: [{ name: 'cross-account', externalId: 'sts-lens-demo' }] }),
      likelyDenialCause({ roleName: 'r', sentExternalId: false, sentMfa: true, profiles: [], trustPolicy: '{"Condition":{"StringEquals":{"sts:ExternalId":"x"}}}' }),
      likelyDenialCause({ roleName: 'mfa_role', sentExternalId: true, sentMfa: false, profiles: [{ name: 'mfa', mfaSerial: 'arn:aws:iam::123456789012:mfa/me' }] }),
      likelyDenialCause({ roleName: 'mfa_role', sentExternalId: false, sentMfa: false, profiles: [], trustPolicy: mfaTrust }),
    ].map((c) => c!);
    assert.deepStrictEqual(causes.map((c) => `${c.kind} ${c.from}`), ['externalId profile', 'externalId trustPolicy', 'mfa profile', 'mfa trustPolicy']);
    assert.deepStrictEqual(causes.map(likelyCauseText), causes.map((c) => c.message));
    assert.strictEqual(likelyCauseText(causes[0]), 'Likely cause: cross_account_role needs an external ID, which this request did not send; profile "cross-account" gives one.');
  });
});
