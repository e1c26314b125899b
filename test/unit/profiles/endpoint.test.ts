import * as assert from 'assert';
import { endpointProblem, implicitProfileName, resolveImplicitStsEndpoint, resolveStsEndpoint } from '../../../src/core/profiles/endpoint';
import { buildProfilesModel } from '../../../src/core/profiles/model';

const m = buildProfilesModel({
  plain: { region: 'eu-west-1' },
  global: { region: 'eu-west-1', endpoint_url: 'https://vpce.example' },
  svc: { region: 'eu-west-1', endpoint_url: 'https://all.example', services: 'x' },
  'services.x': { 'sts.endpoint_url': 'https://sts-only.example' },
  legacy: { region: 'us-east-1', sts_regional_endpoints: 'legacy' },
  legacyNew: { region: 'ap-east-1', sts_regional_endpoints: 'legacy' },
}, {});
const p = (n: string) => m.profiles.get(n);

describe('STS endpoint resolution', () => {
  it('uses the regional endpoint by default', () => {
    assert.deepStrictEqual(resolveStsEndpoint(p('plain'), undefined), { source: 'regional', useGlobalEndpoint: false, region: 'eu-west-1' });
    assert.strictEqual(resolveStsEndpoint(undefined, undefined).region, 'us-east-1');
    assert.strictEqual(resolveStsEndpoint(undefined, undefined, 'ca-central-1').region, 'ca-central-1');
  });

  it('prefers the services STS endpoint, then endpoint_url, then the setting', () => {
    assert.strictEqual(resolveStsEndpoint(p('svc'), 'https://setting').endpoint, 'https://sts-only.example');
    assert.strictEqual(resolveStsEndpoint(p('global'), 'https://setting').endpoint, 'https://vpce.example');
    assert.deepStrictEqual(resolveStsEndpoint(p('plain'), 'https://setting'), { endpoint: 'https://setting', source: 'setting', useGlobalEndpoint: false, region: 'eu-west-1' });
  });

  it('uses the global endpoint for legacy mode only in the legacy regions', () => {
    assert.strictEqual(resolveStsEndpoint(p('legacy'), undefined).useGlobalEndpoint, true);
    assert.strictEqual(resolveStsEndpoint(p('legacyNew'), undefined).useGlobalEndpoint, false);
  });

  it('rejects endpoints that are not URLs or send credentials in clear text', () => {
    assert.match(endpointProblem('sts.example.com')!, /not a URL/);
    assert.match(endpointProblem('http://sts.example.com')!, /unencrypted/);
    assert.strictEqual(endpointProblem('http://127.0.0.1:5000'), undefined);
    assert.strictEqual(endpointProblem('https://sts.eu-west-1.amazonaws.com'), undefined);
  });

  it('without a profile, uses (and so shows) the endpoint the SDK would take: the setting, the environment, then the implicit profile\'s endpoint_url', () => {
    assert.strictEqual(implicitProfileName({}), 'default');
    assert.strictEqual(implicitProfileName({ AWS_PROFILE: 'global' }), 'global');
    assert.deepStrictEqual(resolveImplicitStsEndpoint(p('global'), undefined, {}), { endpoint: 'https://vpce.example', source: 'profile', useGlobalEndpoint: false, region: 'eu-west-1' });
    // The setting is an explicit endpoint, which the SDK puts before the environment and the files.
    assert.strictEqual(resolveImplicitStsEndpoint(p('global'), 'https://setting.example', { AWS_ENDPOINT_URL: 'https://env.example' }).endpoint, 'https://setting.example');
    assert.strictEqual(resolveImplicitStsEndpoint(p('svc'), undefined, {}).endpoint, 'https://sts-only.example');
    assert.deepStrictEqual(resolveImplicitStsEndpoint(p('global'), undefined, { AWS_ENDPOINT_URL_STS: 'https://env-sts.example', AWS_ENDPOINT_URL: 'https://env.example', AWS_REGION: 'us-west-2' }),
      { endpoint: 'https://env-sts.example', source: 'environment', useGlobalEndpoint: false, region: 'us-west-2' });
    assert.strictEqual(resolveImplicitStsEndpoint(undefined, undefined, { AWS_ENDPOINT_URL: 'https://env.example' }).endpoint, 'https://env.example');
    assert.strictEqual(resolveImplicitStsEndpoint(undefined, undefined, { AWS_ENDPOINT_URL: 'https://env.example', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }).endpoint, undefined);
    assert.deepStrictEqual(resolveImplicitStsEndpoint(undefined, 'https://setting.example', {}), { endpoint: 'https://setting.example', source: 'setting', useGlobalEndpoint: false, region: 'us-east-1' });
  });
});
