// Scaling of every scanner of untrusted text: each runs on inputs of size ×1, ×10 and ×100, normal
// and adversarial, and the growth from one size to the next is printed. A linear scanner grows
// about 10× per step; a quadratic one about 100×, which is flagged. The doubling cases
// (bench/scalingDoubling.ts: globs, scenario files, redaction decoding, 50,000 actions, account
// dumps) double
// their size at each step: linear is about 2× per step, quadratic 4×. Usage:
//   npm run bench scaling            all cases
//   SCALING_FILTER=authz npm run bench scaling   cases whose name contains "authz"
import * as fs from 'fs';
import * as path from 'path';
import { findEncodedMessages } from '../src/core/authz/detect';
import { explainDecodedMessage } from '../src/core/authz/explain';
import { findStatedDenials } from '../src/core/authz/statedDenial';
import { lintPolicy, type IamCatalog } from '../src/core/policy';
import { findPolicyRegions } from '../src/core/policy/insight';
import { cloudFormationYamlPolicies as readYaml } from '../src/core/policy/insight/cloudformationYaml';
import { lintAwsConfig } from '../src/core/profiles/configLint';
import { parseProjectConfig } from '../src/core/policy/config/projectConfig';
import { chainWords, buildProfilesModel, chainText, profileChain, type IniSections } from '../src/core/profiles/model';
import { replaceVariables } from '../src/core/policy/variableSpans';
import { signInEntries } from '../src/core/sso/signInEntries';
import { createIamCatalog } from '../src/node/iamData';
import { fixturePath } from '../test/unit/fixtures';
import { doublingCases, type DoublingCase } from './scalingDoubling';

interface Case {
  readonly name: string;
  readonly kind: 'normal' | 'adversarial';
  /** Builds the input for scale 1, 10 or 100. */
  readonly input: (scale: number) => string;
  readonly run: (input: string) => unknown;
}

/** This process's CPU time in ms: on a machine shared with other work, wall time swings with the load. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU milliseconds per call: calls repeated until a batch takes 30 ms, best of three batches. */
function measure(run: () => unknown): number {
  let best = Infinity;
  for (let batch = 0; batch < 3; batch++) {
    let calls = 0;
    const t0 = cpuMs();
    let elapsed = 0;
    do {
      run();
      calls++;
      elapsed = cpuMs() - t0;
    } while (elapsed < 30);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

const policy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const samplePolicy = (): string => {
  const dir = fixturePath('policy');
  const file = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.json') && !f.includes('expected'));
  return file ? fs.readFileSync(path.join(dir, file), 'utf8') : policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]);
};

function cases(catalog: IamCatalog): Case[] {
  const lint = (text: string) => lintPolicy(text, { policyType: 'auto', catalog });
  const logs = fixturePath('authz', 'logs');
  const logSample = fs.readdirSync(logs).filter((f) => f !== 'expected.json').map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('\n');
  const noise = '2024-05-14T10:22:30.001Z INFO deploy step ok request-id=27db932f-e5be-41a1-8262-a698d82df933\n';
  const config = (sections: IniSections) => Object.entries(sections).map(([name, keys]) => `[profile ${name}]\n${Object.entries(keys ?? {}).map(([k, v]) => `${k} = ${v}`).join('\n')}\n`).join('\n');
  const role = 'arn:aws:iam::123456789012:role/Deploy';
  const chainConfig = (n: number): IniSections => {
    const s: IniSections = { p0: { aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'x' } };
    for (let i = 1; i < n; i++) s[`p${i}`] = { role_arn: role, source_profile: `p${i - 1}` };
    return s;
  };
  return [
    { name: 'authz detect: log with messages', kind: 'normal', input: (k) => (noise.repeat(20) + logSample).repeat(k), run: findEncodedMessages },
    { name: 'authz detect: "Encoded" + " \\n\\t" runs', kind: 'adversarial', input: (k) => 'Encoded' + ' \n\t'.repeat(300 * k), run: findEncodedMessages },
    { name: 'authz detect: phrase + "\\n>" gutters', kind: 'adversarial', input: (k) => 'Encoded authorization failure message:' + '\n>'.repeat(1000 * k), run: findEncodedMessages },
    { name: 'authz detect: phrase fragments', kind: 'adversarial', input: (k) => 'Encoded authorization \n failure messag'.repeat(100 * k), run: findEncodedMessages },
    { name: 'authz detect: glued --encoded-message flags', kind: 'adversarial', input: (k) => '--encoded-message'.repeat(100 * k), run: findEncodedMessages },
    { name: 'authz detect: spaced --encoded-message flags', kind: 'adversarial', input: (k) => '--encoded-message '.repeat(1000 * k), run: findEncodedMessages },
    { name: 'authz explain: decoded message nested deep', kind: 'adversarial', input: (k) => `{"allowed":false,"context":${'{"a":'.repeat(300 * k)}1${'}'.repeat(300 * k)}}`, run: explainDecodedMessage },
    { name: 'authz statedDenial: "User:" runs', kind: 'adversarial', input: (k) => 'User: arn:aws:iam::1:user/x is not authorized to perform: s3:GetObject on resource: '.repeat(50 * k), run: findStatedDenials },
    { name: 'policy lint: corpus-like statements', kind: 'normal', input: (k) => {
      const one = JSON.parse(samplePolicy()) as { Statement?: unknown };
      const st = Array.isArray(one.Statement) ? one.Statement : [one.Statement];
      return policy(Array.from({ length: k }, () => st).flat());
    }, run: lint },
    { name: 'policy lint: actions in one statement', kind: 'adversarial', input: (k) => policy([{ Effect: 'Allow', Action: Array.from({ length: 50 * k }, (_, i) => (i % 2 ? `s3:Get*${i}` : `ec2:Describe${i}*`)), Resource: '*' }]), run: lint },
    { name: 'policy lint: wildcard resources', kind: 'adversarial', input: (k) => policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 50 * k }, (_, i) => `arn:aws:s3:::bucket${i}/*`) }]), run: lint },
    { name: 'policy lint: statements', kind: 'adversarial', input: (k) => policy(Array.from({ length: 20 * k }, (_, i) => ({ Sid: 'Same', Effect: 'Allow', Action: ['s3:GetObject', 'ec2:Describe*'], Resource: `arn:aws:s3:::b${i}/*` }))), run: lint },
    { name: 'policy lint: "${aws:" runs', kind: 'adversarial', input: (k) => policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '${aws:'.repeat(100 * k) }]), run: lint },
    { name: 'policy lint: unterminated "${" run in a Resource', kind: 'adversarial', input: (k) => policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/${'${'.repeat(2000 * k)}` }]), run: lint },
    { name: 'policy lint: unterminated "${" run in a Condition', kind: 'adversarial', input: (k) => policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringLike: { 's3:prefix': '${a'.repeat(1500 * k) } } }]), run: lint },
    { name: 'variable spans: "${" run without "}"', kind: 'adversarial', input: (k) => '${'.repeat(2000 * k), run: (s) => replaceVariables(s, () => '*') },
    { name: 'policy lint: line comments', kind: 'adversarial', input: (k) => `${'// x\n'.repeat(1000 * k)}${policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])}`, run: lint },
    { name: 'policy lint: stray commas', kind: 'adversarial', input: (k) => `{"Version": "2012-10-17", "Statement": [${','.repeat(2000 * k)}]}`, run: lint },
    { name: 'policy lint: unknown condition keys', kind: 'adversarial', input: (k) => policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: Object.fromEntries(Array.from({ length: 200 * k }, (_, i) => [`aws:Unknown${i}`, 'x'])) } }]), run: lint },
    { name: 'project file: unknown keys', kind: 'adversarial', input: (k) => `{ ${Array.from({ length: 200 * k }, (_, i) => `"k${i}": 1`).join(', ')} }`, run: parseProjectConfig },
    { name: 'policy lint: deep nesting', kind: 'adversarial', input: (k) => `{"Statement":${'['.repeat(30 * k)}${']'.repeat(30 * k)}}`, run: lint },
    { name: 'config lint: profiles', kind: 'normal', input: (k) => config(Object.fromEntries(Array.from({ length: 20 * k }, (_, i) => [`p${i}`, i % 2 ? { role_arn: role, source_profile: `p${i - 1}`, region: 'eu-west-1' } : { region: 'us-east-1', output: 'json' }]))), run: (t) => lintAwsConfig(t, 'config') },
    { name: 'config lint: long unknown key', kind: 'adversarial', input: (k) => `[profile a]\n${'x'.repeat(1000 * k)} = 1\n`, run: (t) => lintAwsConfig(t, 'config') },
    { name: 'config lint: indented continuation lines', kind: 'adversarial', input: (k) => `[profile a]\nregion = us-east-1\n${' x\n'.repeat(2000 * k)}`, run: (t) => lintAwsConfig(t, 'config') },
    { name: 'config lint: source_profile cycle', kind: 'adversarial', input: (k) => config(Object.fromEntries(Array.from({ length: 20 * k }, (_, i) => [`p${i}`, { role_arn: role, source_profile: `p${(i + 1) % (20 * k)}` }]))), run: (t) => lintAwsConfig(t, 'config') },
    { name: 'config lint: missing sso-sessions among many, every finding', kind: 'adversarial', input: (k) => {
      const n = 20 * k;
      let text = '';
      for (let i = 0; i < n; i++) text += `[sso-session s${i}]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n`;
      for (let i = 0; i < n; i++) text += `[profile p${i}]\nsso_session = x${i}\nsso_account_id = 123456789012\nsso_role_name = R\n`;
      return text;
    }, run: (t) => lintAwsConfig(t, 'config', { listedPerCode: Infinity }) },
    { name: 'sign-ins: an sso-session per profile', kind: 'adversarial', input: (k) => String(20 * k), run: (n) => {
      const sections: IniSections = {};
      for (let i = 0; i < Number(n); i++) sections[`sso-session.s${i}`] = { sso_start_url: 'https://corp.awsapps.com/start', sso_region: 'us-east-1' };
      for (let i = 0; i < Number(n); i++) sections[`p${i}`] = { sso_session: `s${i}`, sso_account_id: '123456789012', sso_role_name: 'R' };
      return signInEntries(buildProfilesModel(sections, {}));
    } },
    { name: 'profile chains: every profile of one chain', kind: 'adversarial', input: (k) => String(20 * k), run: (n) => {
      const model = buildProfilesModel(chainConfig(Number(n)), {});
      const words = chainWords();
      for (const name of model.profiles.keys()) chainText(profileChain(model, name), words);
    } },
    { name: 'recognize: CloudFormation JSON template', kind: 'normal', input: (k) => JSON.stringify({ Resources: Object.fromEntries(Array.from({ length: 10 * k }, (_, i) => [`Role${i}`, { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } }])) }), run: (t) => findPolicyRegions(t, 'json') },
    { name: 'recognize: CloudFormation YAML template', kind: 'normal', input: (k) => `Resources:\n${Array.from({ length: 10 * k }, (_, i) => `  Role${i}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n`).join('')}`, run: (t) => findPolicyRegions(t, 'yaml', { readYaml }) },
    { name: 'recognize: JSON nested deeply', kind: 'adversarial', input: (k) => `{"Statement":1,"a":${'{"b":'.repeat(30 * k)}1${'}'.repeat(30 * k)}}`, run: (t) => findPolicyRegions(t, 'json') },
    { name: 'recognize: Terraform unterminated heredocs', kind: 'adversarial', input: (k) => Array.from({ length: 20 * k }, (_, i) => `policy = <<EOF${i}\n{"Statement": []}\n`).join(''), run: (t) => findPolicyRegions(t, 'terraform') },
    { name: 'recognize: Terraform nested jsonencode', kind: 'adversarial', input: (k) => 'x = jsonencode(['.repeat(20 * k), run: (t) => findPolicyRegions(t, 'terraform') },
    { name: 'recognize: Terraform unclosed policy-document blocks', kind: 'adversarial', input: (k) => 'data "aws_iam_policy_document" "x" {\n'.repeat(20 * k), run: (t) => findPolicyRegions(t, 'terraform') },
    { name: 'recognize: Terraform "${" runs in a heredoc', kind: 'adversarial', input: (k) => `policy = <<EOF\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "${'${'.repeat(200 * k)}"}]}\nEOF\n`, run: (t) => findPolicyRegions(t, 'terraform') },
  ];
}

function main(): void {
  const handle = createIamCatalog();
  // Every service, as the CLI loads them for a policy that names many: action checks see real data.
  handle.ensureAllServicesSync();
  const filter = process.env.SCALING_FILTER;
  console.log('scanner scaling: CPU ms per call at ×1, ×10, ×100; growth per step (linear ≈ 10, quadratic ≈ 100)');
  let flagged = 0;
  for (const c of cases(handle.catalog)) {
    if (filter && !c.name.includes(filter)) continue;
    const inputs = [1, 10, 100].map((k) => c.input(k));
    const ms = inputs.map((input) => measure(() => c.run(input)));
    const growth = [ms[1] / ms[0], ms[2] / ms[1]];
    // The last step decides: small inputs are dominated by fixed costs.
    const quadratic = growth[1] > 30;
    if (quadratic) flagged++;
    const kb = (s: string) => `${(s.length / 1024).toFixed(s.length < 10240 ? 1 : 0)} KB`;
    console.log(
      `${c.kind === 'adversarial' ? 'adv ' : 'norm'} ${c.name.padEnd(54)} ${ms.map((m) => `${m.toFixed(2).padStart(9)} ms`).join('')}  ×${growth[0].toFixed(1).padStart(5)} ×${growth[1].toFixed(1).padStart(5)}  (${kb(inputs[2])} at ×100)${quadratic ? '  SUPERLINEAR' : ''}`,
    );
  }
  flagged += runDoubling(doublingCases(handle), filter);
  console.log(flagged ? `${flagged} scanner(s) grew superlinearly` : 'every scanner grew about linearly');
}

/** The doubling cases: ms per call at each size and the growth per doubling; flags growth over 3× per step over the last two. */
function runDoubling(list: readonly DoublingCase[], filter: string | undefined): number {
  console.log('\nscanner scaling by doubling: CPU ms per call at each size; growth per doubling (linear ≈ 2, quadratic ≈ 4)');
  let flagged = 0;
  for (const c of list) {
    if (filter && !c.name.includes(filter)) continue;
    const ms = c.sizes.map((size) => {
      const input = c.input(size);
      try {
        return measure(() => c.run(input));
      } finally {
        c.cleanup?.(input);
      }
    });
    const growth = ms.slice(1).map((m, i) => m / ms[i]);
    // The last two steps together, per step: one step alone swings with a busy machine.
    const last = Math.sqrt(ms[ms.length - 1] / ms[ms.length - 3]);
    const superlinear = last > 3;
    if (superlinear) flagged++;
    console.log(`${c.kind === 'adversarial' ? 'adv ' : 'norm'} ${c.name.padEnd(58)} ${c.sizes.map((n, i) => `${c.unit === '' ? n : `${n}${c.unit}`}: ${ms[i].toFixed(2)} ms`).join(', ')}  growth ${growth.map((g) => `×${g.toFixed(2)}`).join(' ')} (last two ×${last.toFixed(2)} each)${superlinear ? '  SUPERLINEAR' : ''}`);
  }
  return flagged;
}

if (require.main === module) main();
