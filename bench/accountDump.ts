// npm run bench accountDump: linting a synthetic account dump of 5,000 policies (the shape of
// `aws iam get-account-authorization-details`), in process and through the CLI. Prints policies
// per second; asserts nothing.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { servicesReferenced } from '../src/core/policy';
import { readAccountDump } from '../src/core/policy/accountDump';
import { lintAccountDump } from '../src/core/policy/accountLint';
import { createIamCatalog } from '../src/node/iamData';
import { repoRoot } from '../test/unit/fixtures';

const ACCOUNT = '123456789012';
const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'ec2:DescribeInstances', 'ec2:RunInstances', 'iam:PassRole', 'lambda:InvokeFunction', 'lambda:CreateFunction', 'dynamodb:GetItem', 'dynamodb:Query', 'sqs:SendMessage', 'sns:Publish', 'kms:Decrypt', 'logs:PutLogEvents', 'cloudwatch:PutMetricData', 'ssm:GetParameter', 'secretsmanager:GetSecretValue', 'sts:AssumeRole', 'ecr:GetAuthorizationToken', 'ecs:RunTask'];

/** A policy of a few statements drawn deterministically from the action list. */
function policy(i: number): object {
  const statements = [];
  for (let s = 0; s < 1 + (i % 4); s++) {
    const actions = ACTIONS.filter((_, k) => (k * 7 + i + s * 3) % 5 === 0);
    statements.push({ Sid: `S${s}`, Effect: 'Allow', Action: actions, Resource: s % 2 ? '*' : `arn:aws:s3:::bucket-${i}/*` });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** 5,000 policies: 1,000 customer managed, 1,000 roles (trust + inline each), 1,000 users and 1,000 groups with one inline each. */
export function syntheticDump(): object {
  const trust = (i: number) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${i % 3 ? ACCOUNT : '444455556666'}:root` }, Action: 'sts:AssumeRole' }] });
  const Policies = Array.from({ length: 1000 }, (_, i) => ({ PolicyName: `P${i}`, Arn: `arn:aws:iam::${ACCOUNT}:policy/P${i}`, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: encodeURIComponent(JSON.stringify(policy(i))) }] }));
  const RoleDetailList = Array.from({ length: 1000 }, (_, i) => ({ RoleName: `r${i}`, Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:role/r${i}`, AssumeRolePolicyDocument: trust(i), RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: policy(i + 7) }], AttachedManagedPolicies: [{ PolicyName: `P${i}`, PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/P${i}` }] }));
  const GroupDetailList = Array.from({ length: 1000 }, (_, i) => ({ GroupName: `g${i}`, Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:group/g${i}`, GroupPolicyList: [{ PolicyName: 'inline', PolicyDocument: policy(i + 11) }], AttachedManagedPolicies: [] }));
  const UserDetailList = Array.from({ length: 1000 }, (_, i) => ({ UserName: `u${i}`, Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:user/u${i}`, GroupList: [`g${i}`], UserPolicyList: [{ PolicyName: 'inline', PolicyDocument: policy(i + 13) }], AttachedManagedPolicies: [] }));
  return { UserDetailList, GroupDetailList, RoleDetailList, Policies };
}

function main(): void {
  const text = JSON.stringify(syntheticDump());
  const t0 = performance.now();
  const dump = readAccountDump(text);
  const handle = createIamCatalog();
  handle.ensureServicesSync(new Set(dump.policies.flatMap((p) => servicesReferenced(p.text))));
  const t1 = performance.now();
  const linted = lintAccountDump(dump, handle.catalog);
  const t2 = performance.now();
  const findings = linted.reduce((n, l) => n + l.findings.length, 0);
  console.log(`account dump, in process: ${linted.length} policies linted in ${(t2 - t1).toFixed(0)} ms = ${((linted.length / (t2 - t1)) * 1000).toFixed(0)} policies/s (read and data load ${(t1 - t0).toFixed(0)} ms; ${findings} findings)`);

  const cli = path.join(repoRoot(), 'dist', 'cli.js');
  if (!fs.existsSync(cli)) {
    console.log('account dump, CLI: dist/cli.js missing; run node esbuild.js');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-dump-'));
  try {
    const file = path.join(dir, 'auth.json');
    fs.writeFileSync(file, text);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      const r = spawnSync(process.execPath, [cli, 'lint', '--no-config', '--format', 'json', '--fail-on', 'none', '--auth-details', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
      times.push(performance.now() - s);
      if (r.status !== 0) console.log(`account dump, CLI: exit ${r.status}: ${r.stderr.slice(0, 300)}`);
    }
    const best = Math.min(...times);
    console.log(`account dump, CLI whole process: ${dump.policies.length} policies in ${best.toFixed(0)} ms = ${((dump.policies.length / best) * 1000).toFixed(0)} policies/s (best of ${times.length}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
