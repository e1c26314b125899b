import * as assert from 'assert';
import * as fs from 'fs';
import { containerCredentialsBody, credentialProcessJson, exportLines, refreshingTerminalEnv, staticTerminalEnv } from '../../../src/core/sessions/credentialFormats';
import { parseCliCacheEntry, parseSsoCacheEntry } from '../../../src/core/sessions/diskCaches';
import { fixturePath } from '../fixtures';

const creds = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/with+chars', sessionToken: 'tok', expiration: Date.UTC(2026, 10, 22, 4, 0, 0) };
const target = { region: 'eu-west-1' };

describe('terminal environments', () => {
  it('sets keys, both token names, region and expiry, and clears AWS_PROFILE', () => {
    const env = staticTerminalEnv(creds, target);
    assert.strictEqual(env.AWS_ACCESS_KEY_ID, 'ASIAEXAMPLE');
    assert.strictEqual(env.AWS_SECRET_ACCESS_KEY, 'secret/with+chars');
    assert.strictEqual(env.AWS_SESSION_TOKEN, 'tok');
    assert.strictEqual(env.AWS_SECURITY_TOKEN, 'tok');
    assert.strictEqual(env.AWS_REGION, 'eu-west-1');
    assert.strictEqual(env.AWS_DEFAULT_REGION, 'eu-west-1');
    assert.strictEqual(env.AWS_CREDENTIAL_EXPIRATION, '2026-11-22T04:00:00.000Z');
    assert.strictEqual(env.AWS_PROFILE, null);
    assert.strictEqual(env.AWS_CONTAINER_CREDENTIALS_FULL_URI, null);
    assert.strictEqual(env.AWS_ENDPOINT_URL, null);
  });

  it('passes the endpoint when the profile declares one', () => {
    assert.strictEqual(staticTerminalEnv(creds, { ...target, endpointUrl: 'http://127.0.0.1:5000' }).AWS_ENDPOINT_URL, 'http://127.0.0.1:5000');
    assert.strictEqual(staticTerminalEnv(creds, { ...target, stsEndpointUrl: 'https://sts.example' }).AWS_ENDPOINT_URL_STS, 'https://sts.example');
  });

  it('gives refreshing terminals the container endpoint and no keys', () => {
    const env = refreshingTerminalEnv('http://127.0.0.1:1234/credentials/abc', 'tkn', target, '/dev/null');
    assert.strictEqual(env.AWS_SHARED_CREDENTIALS_FILE, '/dev/null', 'a [default] profile with keys would win over the endpoint');
    assert.strictEqual(env.AWS_CONFIG_FILE, '/dev/null');
    assert.strictEqual(env.AWS_CONTAINER_CREDENTIALS_FULL_URI, 'http://127.0.0.1:1234/credentials/abc');
    assert.strictEqual(env.AWS_CONTAINER_AUTHORIZATION_TOKEN, 'tkn');
    assert.strictEqual(env.AWS_ACCESS_KEY_ID, null);
    assert.strictEqual(env.AWS_SESSION_TOKEN, null);
    assert.strictEqual(env.AWS_PROFILE, null);
  });
});

describe('credential exports', () => {
  it('writes quoted posix, fish and PowerShell lines', () => {
    const posix = exportLines({ ...creds, secretAccessKey: "it's" }, target);
    assert.match(posix, /^unset AWS_PROFILE$/m);
    assert.match(posix, /^export AWS_SECRET_ACCESS_KEY='it'\\''s'$/m);
    assert.match(exportLines(creds, target, 'fish'), /^set -gx AWS_SESSION_TOKEN 'tok'$/m);
    assert.match(exportLines(creds, target, 'powershell'), /^\$Env:AWS_REGION = 'eu-west-1'$/m);
  });

  it('writes credential_process JSON version 1', () => {
    assert.deepStrictEqual(JSON.parse(credentialProcessJson(creds)), { Version: 1, AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'secret/with+chars', SessionToken: 'tok', Expiration: '2026-11-22T04:00:00.000Z' });
  });

  it('writes the container-credentials body with Token and Expiration always present', () => {
    const body = JSON.parse(containerCredentialsBody({ accessKeyId: 'AKIA', secretAccessKey: 's' }, Date.UTC(2026, 0, 1)));
    assert.deepStrictEqual(body, { AccessKeyId: 'AKIA', SecretAccessKey: 's', Token: '', Expiration: '2026-01-01T01:00:00.000Z' });
  });
});

describe('CLI and SSO caches', () => {
  it('reads a CLI cache entry without its secrets', () => {
    const r = parseCliCacheEntry(fs.readFileSync(fixturePath('aws-config', 'cli-cache-assumed.json'), 'utf8'), 'abc.json', 'us-east-1')!;
    assert.strictEqual(r.roleArn, 'arn:aws:iam::111122223333:role/Admin');
    assert.strictEqual(r.sessionName, 'botocore-session-1');
    assert.strictEqual(r.expiration, Date.UTC(2026, 10, 22, 5, 0, 0));
    assert.strictEqual(r.readOnly, true);
    assert.doesNotMatch(JSON.stringify(r), /wJalr|FwoGZX/);
  });

  it('reads SSO token expiry without the tokens', () => {
    const r = parseSsoCacheEntry(fs.readFileSync(fixturePath('aws-config', 'sso-cache-token.json'), 'utf8'), 't.json')!;
    assert.strictEqual(r.startUrl, 'https://corp.awsapps.com/start');
    assert.strictEqual(r.expiration, Date.UTC(2026, 10, 22, 8, 0, 0));
    assert.doesNotMatch(JSON.stringify(r), /secret|aoaAAAA/);
  });

  it('ignores files that are not cache entries', () => {
    assert.strictEqual(parseCliCacheEntry('{', 'x.json', 'us-east-1'), undefined);
    assert.strictEqual(parseCliCacheEntry('{"foo":1}', 'x.json', 'us-east-1'), undefined);
    assert.strictEqual(parseSsoCacheEntry('{"clientId":"x","clientSecret":"y"}', 'x.json'), undefined);
  });
});
