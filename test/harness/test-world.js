// Starts everything a test run or the sandbox needs around the extension: moto, the decode responder
// in front of it, the seeded world, a throwaway HOME with ~/.aws files, and the world JSON.
'use strict';
const fs = require('fs');
const path = require('path');
const { startMoto } = require('./moto');
const { startDecodeResponder } = require('./decode-responder');
const { seedWorld, writeAwsFiles, writeWorldFile } = require('./world');
const { createSsoResponder } = require('./sso-responder');
const { createFederationResponder } = require('./federation-responder');

const REPO = path.resolve(__dirname, '..', '..');
const AUTHZ_FIXTURES = path.join(REPO, 'test', 'fixtures', 'authz', 'decoded');

// A small decoded message for the special tokens, in the shape DecodeAuthorizationMessage returns.
const SAMPLE_DECODED = {
  allowed: false,
  explicitDeny: false,
  matchedStatements: { items: [] },
  failures: { items: [] },
  context: {
    principal: { id: 'AIDAEXAMPLESTSUSER01', name: 'sts-user', arn: 'arn:aws:iam::123456789012:user/sts-user' },
    action: 'ec2:RunInstances',
    resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*',
    conditions: {
      items: [
        { key: 'ec2:InstanceType', values: { items: [{ value: 't3.micro' }] } },
        { key: 'aws:Region', values: { items: [{ value: 'us-east-1' }] } },
        { key: 'aws:username', values: { items: [{ value: 'sts-user' }] } },
      ],
    },
  },
};

/**
 * Brings the world up under `dir` (created if needed). Returns { world, worldFile, env, moto,
 * responder, stop() }; `env` holds only the variables to add for the extension host / sandbox.
 */
async function startTestWorld(dir, { log = () => {} } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const moto = await startMoto();
  let responder;
  try {
    log(`moto ${moto.version} on ${moto.endpoint}`);
    responder = await startDecodeResponder({ upstream: moto.endpoint });
    log(`decode responder on ${responder.endpoint}`);
    const world = await seedWorld({ motoEndpoint: moto.endpoint, endpointUrl: responder.endpoint, decodeEndpoint: responder.endpoint });
    responder.denyAccessKeyId(world.users['no-trust-user'].accessKeyId);
    for (const role of Object.values(world.roles)) {
      if (role.externalId || role.mfaSerial) responder.guardRole(role.arn, { externalId: role.externalId, mfa: Boolean(role.mfaSerial) });
    }
    const sso = createSsoResponder({ stsEndpoint: moto.endpoint, broker: world.secrets['sts-user'], accounts: world.sso.accounts, region: world.region });
    sso.setEndpoint(responder.endpoint);
    responder.addHandler(sso);
    responder.addHandler(createFederationResponder({ stsEndpoint: moto.endpoint, region: world.region }));
    world.encodedMessages = responder.issueFixtures(AUTHZ_FIXTURES);
    world.specialMessages = {
      sample: responder.issue(SAMPLE_DECODED),
      accessDenied: responder.issue(SAMPLE_DECODED, { error: { status: 403, code: 'AccessDenied', message: 'User: arn:aws:iam::123456789012:user/sts-user is not authorized to perform: sts:DecodeAuthorizationMessage' } }),
      slow: responder.issue(SAMPLE_DECODED, { delayMs: 5000 }),
      // Well-formed (random, like AWS's) but never issued: the responder answers InvalidAuthorizationMessageException.
      unknown: require('crypto').randomBytes(900).toString('base64url'),
    };
    const home = path.join(dir, 'home');
    const { configFile, credentialsFile } = writeAwsFiles(world, path.join(home, '.aws'));
    const worldFile = writeWorldFile(world, path.join(dir, 'world.json'), { configFile, credentialsFile, issueUrl: `${responder.endpoint}/__sts-lens/issue` });
    log(`world seeded in ${Date.now() - started} ms: ${worldFile}`);
    const env = {
      HOME: home,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      STS_LENS_TEST_WORLD: worldFile,
    };
    const stop = async () => {
      sso.destroy();
      await responder.stop();
      await moto.stop();
    };
    return { world, worldFile, env, moto, responder, stop };
  } catch (e) {
    if (responder) await responder.stop();
    await moto.stop();
    throw e;
  }
}

module.exports = { startTestWorld, SAMPLE_DECODED };
