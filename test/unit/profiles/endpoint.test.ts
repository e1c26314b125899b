import * as assert from 'assert';
import { endpointProblem, resolveStsEndpoint } from '../../../src/core/profiles/endpoint';
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
});
