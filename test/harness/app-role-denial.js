// The sample workspace's journey "decode a denial from app_role, then evaluate it": a log whose
// encoded authorization failure message is issued at start by the sandbox's own STS endpoint, so
// it decodes there, and names the seeded app_role, so Evaluate reads the policies that denied it.
'use strict';
const fs = require('fs');
const path = require('path');

/** The decoded message of app_role's denied s3:DeleteObject, in the shape DecodeAuthorizationMessage returns. */
function appRoleDenial(world) {
  const account = world.policyWorld.roleArn.split(':')[4];
  const bucket = world.policyWorld.bucket;
  return {
    allowed: false,
    explicitDeny: true,
    matchedStatements: { items: [{ statementId: 'DenyDeletes', effect: 'DENY', principals: { items: [] }, principalGroups: { items: [] }, actions: { items: [{ value: 's3:DeleteObject' }] }, resources: { items: [{ value: `arn:aws:s3:::${bucket}/*` }] }, conditions: { items: [] } }] },
    failures: { items: [] },
    context: {
      principal: { id: 'AROAEXAMPLEAPPROLE01:deploy', arn: `arn:aws:sts::${account}:assumed-role/app_role/deploy` },
      action: 's3:DeleteObject',
      resource: `arn:aws:s3:::${bucket}/reports/q3.csv`,
      conditions: { items: [{ key: 'aws:Region', values: { items: [{ value: world.region || 'us-east-1' }] } }, { key: 'aws:PrincipalAccount', values: { items: [{ value: account }] } }] },
    },
  };
}

/** Asks the endpoint at `issueUrl` for the message and writes `logs/app-role-denial.log` under `folder`. */
async function writeAppRoleDenialLog(issueUrl, world, folder) {
  const res = await fetch(issueUrl, { method: 'POST', body: JSON.stringify({ decoded: appRoleDenial(world) }) });
  if (!res.ok) throw new Error(`the STS endpoint would not issue the app_role message: HTTP ${res.status}`);
  const { encodedMessage } = await res.json();
  const account = world.policyWorld.roleArn.split(':')[4];
  const bucket = world.policyWorld.bucket;
  const file = path.join(folder, 'logs', 'app-role-denial.log');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    [
      `2026-11-28T05:00:00Z INFO  cleanup: assumed ${world.policyWorld.roleArn} as session deploy`,
      `2026-11-28T05:00:01Z INFO  cleanup: deleting s3://${bucket}/reports/q3.csv`,
      `2026-11-28T05:00:01Z ERROR cleanup: User: arn:aws:sts::${account}:assumed-role/app_role/deploy is not authorized to perform: s3:DeleteObject on resource: "arn:aws:s3:::${bucket}/reports/q3.csv" with an explicit deny in an identity-based policy. Encoded authorization failure message: ${encodedMessage}`,
      '2026-11-28T05:00:01Z INFO  cleanup: 0 objects deleted',
      '',
    ].join('\n'),
  );
  return file;
}

module.exports = { appRoleDenial, writeAppRoleDenialLog };
