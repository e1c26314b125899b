import * as assert from 'assert';
import * as path from 'path';
import { getSSOTokenFilepath } from '@smithy/shared-ini-file-loader';
import { authorizeUrl, codeChallenge, codeVerifier, readRedirect } from '../../../src/core/sso/pkce';
import { overwriteRefusal, parseScopes, readRegistrationFile, readTokenFile, registrationCacheFileName, registrationFileText, registrationUsable, tokenCacheFileName, tokenFileText } from '../../../src/core/sso/cacheFiles';
import { afterPollError, oauthErrorCode, startPolling, tokenNeedsRefresh } from '../../../src/core/sso/deviceFlow';

const START = 'https://d-92671207e4.awsapps.com/start';
const T0 = Date.UTC(2026, 11, 5, 4, 0, 0);

describe('PKCE (RFC 7636)', () => {
  it('derives the S256 challenge of the RFC\'s appendix B example', () => {
    const bytes = Uint8Array.from([116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121]);
    const verifier = codeVerifier(bytes);
    assert.strictEqual(verifier, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    assert.strictEqual(codeChallenge(verifier), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('"with a minimum length of 43 characters and a maximum length of 128"', () => {
    assert.strictEqual(codeVerifier(new Uint8Array(32)).length, 43);
    assert.strictEqual(codeVerifier(new Uint8Array(96)).length, 128);
    assert.throws(() => codeVerifier(new Uint8Array(31)), /32 to 96/);
  });

  it('puts the challenge, never the verifier, in the authorize URL', () => {
    const url = new URL(authorizeUrl({ authorizeEndpoint: 'https://oidc.us-east-1.amazonaws.com/authorize', clientId: 'cid', redirectUri: 'http://127.0.0.1:4321/oauth/callback', state: 'st', challenge: 'ch', scopes: ['sso:account:access'] }));
    assert.strictEqual(url.searchParams.get('code_challenge'), 'ch');
    assert.strictEqual(url.searchParams.get('code_challenge_method'), 'S256');
    assert.strictEqual(url.searchParams.get('response_type'), 'code');
    assert.strictEqual(url.searchParams.get('redirect_uri'), 'http://127.0.0.1:4321/oauth/callback');
    assert.ok(!url.toString().includes('verifier'));
  });

  it('accepts the redirect only with the expected state', () => {
    assert.deepStrictEqual(readRedirect('/oauth/callback?code=abc&state=s1', 's1'), { kind: 'code', code: 'abc' });
    assert.deepStrictEqual(readRedirect('/oauth/callback?code=abc&state=other', 's1'), { kind: 'ignore' });
    assert.deepStrictEqual(readRedirect('/favicon.ico', 's1'), { kind: 'ignore' });
    const denied = readRedirect('/oauth/callback?error=access_denied&state=s1', 's1');
    assert.strictEqual(denied.kind, 'error');
    assert.match((denied as { message: string }).message, /denied/);
  });
});

describe('the AWS CLI SSO cache files', () => {
  it('names the token file as the SDKs look it up: sha1 of the sso-session name, or of the start URL', () => {
    assert.strictEqual(path.basename(getSSOTokenFilepath('my-sso')), tokenCacheFileName({ sessionName: 'my-sso', startUrl: START, region: 'us-east-1' }));
    assert.strictEqual(path.basename(getSSOTokenFilepath(START)), tokenCacheFileName({ startUrl: START, region: 'us-east-1' }));
  });

  it('names the client registration as the CLI\'s _registration_cache_key (sha1 of Python\'s sorted json.dumps)', () => {
    // Computed with CPython: hashlib.sha1(json.dumps(args, sort_keys=True).encode()).hexdigest()
    assert.strictEqual(registrationCacheFileName({ sessionName: 'my-sso', startUrl: START, region: 'us-east-1', scopes: ['sso:account:access'] }), 'f2ad5e452110a6f2e73bddc00e500224f6a2d458.json');
    assert.strictEqual(registrationCacheFileName({ sessionName: 'café', startUrl: 'https://é.awsapps.com/start', region: 'eu-west-1' }), 'a3ab5917e6b192bf5e7f6ebf8f39a28185ea9bcb.json');
  });

  it('parses sso_registration_scopes as the CLI does', () => {
    assert.deepStrictEqual(parseScopes(' sso:account:access, ,codewhisperer:completions '), ['sso:account:access', 'codewhisperer:completions']);
    assert.strictEqual(parseScopes(undefined), undefined);
  });

  it('writes the token with the CLI\'s keys and timestamp format, and reads it back', () => {
    const token = { startUrl: START, region: 'us-east-1', accessToken: 'at', expiresAt: T0 + 3600_000 + 123, clientId: 'c', clientSecret: 's', registrationExpiresAt: T0 + 90 * 86400_000, refreshToken: 'rt' };
    const text = tokenFileText(token);
    const doc = JSON.parse(text);
    assert.deepStrictEqual(Object.keys(doc), ['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']);
    assert.strictEqual(doc.expiresAt, '2026-12-05T05:00:00Z');
    const read = readTokenFile(text, { sessionName: 'x', startUrl: START, region: 'us-east-1' });
    assert.strictEqual(read.kind, 'ok');
    assert.strictEqual((read as { value: { refreshToken: string } }).value.refreshToken, 'rt');
    // The legacy format the CLI v1 wrote ("…UTC") is read too.
    const legacy = readTokenFile(JSON.stringify({ startUrl: START, region: 'us-east-1', accessToken: 'a', expiresAt: '2026-12-05T05:00:00UTC' }), { startUrl: START, region: 'us-east-1' });
    assert.strictEqual(legacy.kind === 'ok' && legacy.value.expiresAt, T0 + 3600_000);
  });

  it('never overwrites a corrupt file or another sign-in\'s file, and says what to do', () => {
    const key = { sessionName: 'x', startUrl: START, region: 'us-east-1' };
    const corrupt = readTokenFile('{"startUrl": ', key);
    assert.strictEqual(corrupt.kind, 'corrupt');
    assert.match(overwriteRefusal(corrupt, 'abc.json')!, /does not overwrite it: move it aside/);
    const foreign = readTokenFile(JSON.stringify({ startUrl: 'https://other.awsapps.com/start', accessToken: 'a', expiresAt: '2026-12-05T05:00:00Z' }), key);
    assert.strictEqual(foreign.kind, 'foreign');
    assert.match(overwriteRefusal(foreign, 'abc.json')!, /another start URL \(https:\/\/other/);
    assert.strictEqual(overwriteRefusal(readTokenFile(undefined, key), 'abc.json'), undefined);
    assert.strictEqual(readTokenFile('[1]', key).kind, 'corrupt');
  });

  it('reuses a client registration only before it expires and for its grant types', () => {
    const reg = { clientId: 'c', clientSecret: 's', expiresAt: T0 + 86400_000, scopes: ['sso:account:access'], grantTypes: ['authorization_code', 'refresh_token'] };
    const read = readRegistrationFile(registrationFileText(reg));
    assert.strictEqual(read.kind, 'ok');
    assert.ok(registrationUsable(reg, T0, 'authorization_code'));
    assert.ok(!registrationUsable(reg, T0, 'device_code'));
    assert.ok(!registrationUsable(reg, T0 + 86400_000 - 60_000, 'authorization_code'));
    assert.strictEqual(readRegistrationFile('{"accessToken":"x","clientId":"c","clientSecret":"s","expiresAt":"2026-12-05T05:00:00Z"}').kind, 'corrupt');
  });
});

describe('device authorization polling (RFC 8628)', () => {
  it('"If no value is provided, clients MUST use 5 as the default"', () => {
    assert.strictEqual(startPolling(T0, 600, undefined).intervalSeconds, 5);
    assert.strictEqual(startPolling(T0, 600, 1).intervalSeconds, 1);
  });

  it('waits the interval while authorization is pending', () => {
    const out = afterPollError(startPolling(T0, 600, 2), 'authorization_pending', T0);
    assert.deepStrictEqual(out.kind === 'wait' && out.delayMs, 2000);
  });

  it('on slow_down "the interval MUST be increased by 5 seconds for this and all subsequent requests"', () => {
    const first = afterPollError(startPolling(T0, 600, 2), 'slow_down', T0);
    assert.ok(first.kind === 'wait');
    assert.strictEqual(first.delayMs, 7000);
    const next = afterPollError(first.state, 'authorization_pending', T0 + 7000);
    assert.strictEqual(next.kind === 'wait' && next.delayMs, 7000);
  });

  it('stops with a next step when the code expires, is denied or the client is refused', () => {
    const state = startPolling(T0, 10, 5);
    assert.match((afterPollError(state, 'authorization_pending', T0 + 6000) as { message: string }).message, /expired before it was approved/);
    assert.match((afterPollError(state, 'expired_token', T0) as { message: string }).message, /Sign in again/);
    assert.match((afterPollError(state, 'access_denied', T0) as { message: string }).message, /denied in the browser/);
    assert.match((afterPollError(state, 'invalid_client', T0) as { message: string }).message, /registers a new client/);
  });

  it('maps the SDK\'s exception names to OAuth error codes', () => {
    assert.strictEqual(oauthErrorCode('SlowDownException', undefined), 'slow_down');
    assert.strictEqual(oauthErrorCode('AuthorizationPendingException', undefined), 'authorization_pending');
    assert.strictEqual(oauthErrorCode('InvalidRequestException', 'expired_token'), 'expired_token');
  });

  it('refreshes a token ten minutes before it expires', () => {
    assert.ok(!tokenNeedsRefresh(T0 + 11 * 60_000, T0));
    assert.ok(tokenNeedsRefresh(T0 + 10 * 60_000, T0));
  });
});
