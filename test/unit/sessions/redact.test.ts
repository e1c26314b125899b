import * as assert from 'assert';
import { redactSecrets } from '../../../src/core/sessions/redact';

/** Sentinel credentials, shaped like real ones and found nowhere else. */
export const SENTINEL = {
  keyId: 'ASIAQSENTINEL7KEY2ID',
  secret: 'Zq3vR9tLw2Xk7Pm4Hs8Ny1Bc6Gd0Fj5Ka+Ue/Tiq',
  token: `IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDsentinel${'Q3ZbX9k2LmP7wRt+a/Y8s1Vd4Hc6Jn0Ge5Fq'.repeat(8)}==`,
  oldToken: `FwoGZXIvYXdzEJr//////////wEaDGLhJ1x9vVxQ3Bs3ESLGAR${'kP2m9QxZ7tR4vN1wY8sB3cL6hJ0gF5dA'.repeat(6)}`,
};

/** Asserts that no recognisable piece (16 characters or more) of any sentinel is left in `text`. */
export function assertNoSentinel(text: string): void {
  const flat = text.replace(/\\\//g, '/').replace(/%2B/gi, '+').replace(/%2F/gi, '/').replace(/\\u002b/gi, '+').replace(/\\u002f/gi, '/').replace(/\s+/g, '');
  for (const [name, value] of Object.entries(SENTINEL)) {
    if (name === 'keyId') {
      assert.ok(!flat.includes(value), `the access key ID leaked: ${text}`);
      continue;
    }
    for (let i = 0; i + 16 <= value.length; i += 8) assert.ok(!flat.includes(value.slice(i, i + 16)), `a piece of the ${name} leaked: ${text}`);
  }
}

describe('secret redaction', () => {
  it('removes secret keys, session tokens, JWTs and MFA codes', () => {
    const text = redactSecrets('key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig TokenCode=123456 SessionToken: abcdef');
    assert.doesNotMatch(text, /wJalr|eyJhbGci|123456|abcdef/);
    assert.match(text, /TokenCode=\[redacted\]/);
  });

  it('leaves ARNs, paths and ordinary words readable and shortens access key IDs to their kind and last four', () => {
    const text = 'arn:aws:iam::123456789012:role/sts_role could not be assumed from /home/alice/projects/infrastructure/policies/trust.json';
    assert.strictEqual(redactSecrets(text), text);
    assert.strictEqual(redactSecrets('key AKIAIOSFODNN7EXAMPLE, session ASIAQSENTINEL7KEY2ID.'), 'key AKIA…MPLE, session ASIA…Y2ID.');
  });

  it('removes a session token with no name in front, raw, URL-encoded and JSON-escaped', () => {
    const { token } = SENTINEL;
    for (const form of [token, encodeURIComponent(token), JSON.stringify(token).replace(/\//g, '\\/'), token.replace(/\//g, '\\u002F').replace(/\+/g, '\\u002B'), encodeURIComponent(encodeURIComponent(token))]) {
      const text = redactSecrets(`request https://sts.amazonaws.com/?Action=GetCallerIdentity&X-Amz-Security-Token=${form}&X-Amz-Date=20240101T000000Z failed; again: "${form}"`);
      assertNoSentinel(text);
      assert.match(text, /Action=GetCallerIdentity/);
    }
  });

  it('removes a token wrapped onto short lines, with indentation, CRLF, JSON-escaped newlines or shell continuations', () => {
    for (const width of [20, 32, 50, 59]) {
      const lines = SENTINEL.token.match(new RegExp(`.{1,${width}}`, 'g'))!;
      for (const joiner of ['\n', '\r\n', '\n    ', '\\n', ' \\\n  ']) {
        const text = redactSecrets(`aws_session_token =\n${lines.join(joiner)}\nnext line`);
        assertNoSentinel(text);
        assert.match(text, /next line$/);
      }
    }
  });

  it('removes a 40-character secret inside a 41–59-character run', () => {
    const { secret } = SENTINEL;
    for (const text of [`s3/${secret}`, `${secret}EXTRA`, `creds/${secret}/v2`, `AKIAIOSFODNN7EXAMPLE${secret.slice(0, 30)}`.slice(0, 41) + secret]) {
      assertNoSentinel(redactSecrets(`value ${text} here`));
    }
    assert.doesNotMatch(redactSecrets('x wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYabc y'), /wJalr|EXAMPLEKEY/);
  });

  it('removes values named like secrets in JSON, query strings and key = value lines', () => {
    const text = redactSecrets('{\\"SessionToken\\":\\"short1\\"} aws_secret_access_key = short2 SecretAccessKey%3Dshort3 password: short4 mfa_code=654321');
    assert.doesNotMatch(text, /short1|short2|short3|short4|654321/);
  });

  it('keeps ordinary error messages intact', () => {
    const text = 'User: arn:aws:sts::123456789012:assumed-role/sts_role/sts-lens is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/LambdaExecutionRole';
    assert.strictEqual(redactSecrets(text), text);
  });

  it('finishes on adversarial input and keeps text that is not a credential (timings are in npm run bench redact)', () => {
    const cases: [string, boolean][] = [['eyJ', false], ['a\n', false], ['AKIA', false], ['%2F', false], ['\\u002F', false], ['token: ', true], ['A'.repeat(15) + '\n', false], ['aB1+', true]];
    for (const [unit, secretShaped] of cases) {
      const text = unit.repeat(Math.ceil(30_000 / unit.length));
      const out = redactSecrets(text);
      assert.strictEqual(out.includes('[redacted]'), secretShaped, JSON.stringify(unit));
    }
  });
});
