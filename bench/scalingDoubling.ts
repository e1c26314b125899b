// The doubling cases of bench/scaling.bench.ts: each scanner runs at sizes that double, so its
// growth per step reads directly (linear ≈ 2×, quadratic ≈ 4×). Globs from project files and
// settings against long paths, scenario files of thousands of cases read as the CLI and the Test
// Explorer read them, redaction of long encoded runs, action lists of up to 50,000 entries, and
// account dumps (`--auth-details`): thousands of roles, GroupLists that repeat, one policy nested deep;
// and the chains of every profile of a line or a loop of source_profile links.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintAuthDetails } from '../src/cli/authDetails';
import { scenarioCases } from '../src/core/debugging/scenarioRun';
import { parseScenarioNode } from '../src/core/evaluation/scenario';
import { compileGlob, isGlobProblem } from '../src/core/glob/boundedGlob';
import { lintPolicy, type IamCatalog } from '../src/core/policy';
import { lintAwsConfig } from '../src/core/profiles/configLint';
import { buildProfilesModel, chainWords, chainText, isBrokenChain, needsMfa, profileChain, shortChainText, type IniSections } from '../src/core/profiles/model';
import { normalise } from '../src/core/sessions/normalise';
import { redactSecrets } from '../src/core/sessions/redact';
import type { IamCatalogHandle } from '../src/node/iamData';
import { readScenarioFileSync, readScenarioPolicySync } from '../src/node/scenarioFiles';

export interface DoublingCase {
  readonly name: string;
  readonly kind: 'normal' | 'adversarial';
  /** Each size doubles the one before (or nearly: 6k, 12k, 25k, 50k). */
  readonly sizes: readonly number[];
  /** What a size counts, printed after it: '' for characters. */
  readonly unit: string;
  readonly input: (size: number) => string;
  readonly run: (input: string) => unknown;
  /** Removes what `input` made on disk. */
  readonly cleanup?: (input: string) => void;
}

/**
 * Globs a project file may hold, each at the limits boundedGlob accepts (32 wildcards, braces 8
 * deep), with a path of `n` characters that nearly matches: it ends as the glob ends, so no quick
 * test of the last characters settles it, and the whole path is walked.
 */
const HOSTILE_GLOBS: Record<string, [string, (n: number) => string]> = {
  'alternating "*a" (32 stars), one letter off': [`${'*a'.repeat(32)}b`, (n) => `${'a'.repeat(n - 2)}cb`],
  '"**/" runs then a name': [`${'**/'.repeat(16)}x.json`, (n) => `${'a/'.repeat(Math.floor((n - 6) / 2))}y.json`],
  'braces 8 deep': [`${'{a,'.repeat(8)}b${'}'.repeat(8)}*.json`, (n) => `c${'a'.repeat(n - 6)}.json`],
  'classes and "?" runs': [`${'[a-z]?*'.repeat(10)}.json`, (n) => `${'a1'.repeat(Math.floor((n - 5) / 2))}.json`],
};

function globCases(): DoublingCase[] {
  return Object.entries(HOSTILE_GLOBS).map(([name, [glob, subject]]) => {
    const compiled = compileGlob(glob);
    if (isGlobProblem(compiled)) throw new Error(`bench glob refused: ${compiled.message}`);
    return { name: `glob match: ${name}`, kind: 'adversarial', sizes: [2000, 4000, 8000, 16000], unit: ' chars', input: subject, run: (p) => compiled.matches(p) };
  });
}

/** A scenario file of `n` cases, each with an inline identity policy and a policy path that leaves the project. */
function scenarioFile(n: number, hostilePaths: boolean): string {
  const one = {
    name: 'reads the bucket',
    request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' },
    identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] }],
    ...(hostilePaths ? { resourcePolicies: ['../../../../etc/passwd'] } : {}),
    expect: 'ALLOWED',
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-bench-'));
  const file = path.join(dir, 'cases.policytest.json');
  fs.writeFileSync(file, JSON.stringify(Array.from({ length: n }, () => one), null, 1));
  return file;
}

/** Reads a scenario file as simulate does: size-checked read, one parse, every case read against its policy paths. */
function readScenarios(file: string): number {
  const text = readScenarioFileSync(file);
  if (typeof text !== 'string') throw new Error(text.error);
  const scope = { root: path.dirname(file), rootName: 'project folder', allowOutside: false, allowHint: '--allow-outside-project' };
  let problems = 0;
  for (const c of scenarioCases(text)) {
    if (!c.node) continue;
    problems += parseScenarioNode(c.body, c.node, c.shift, file, (abs, written) => readScenarioPolicySync(abs, written, scope)).problems.length;
  }
  return problems;
}

function scenarioCasesOf(): DoublingCase[] {
  const cleanup = (file: string) => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const sizes = [1000, 2000, 4000, 8000, 16000];
  return [
    { name: 'scenario file: cases with inline policies', kind: 'normal', sizes, unit: ' cases', input: (n) => scenarioFile(n, false), run: readScenarios, cleanup },
    { name: 'scenario file: cases naming a path outside the project', kind: 'adversarial', sizes, unit: ' cases', input: (n) => scenarioFile(n, true), run: readScenarios, cleanup },
  ];
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
/** One encoded unit per class: runs of it are what normalise decodes before redaction matches. */
const ENCODINGS: Record<string, string> = {
  hex: Buffer.from(`aws_secret_access_key=${SECRET} `).toString('hex'),
  'percent, every character': [...`aws_secret_access_key=${SECRET} `].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  '\\u escapes': [...`aws_secret_access_key=${SECRET} `].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  'HTML entities': [...`aws_secret_access_key=${SECRET} `].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join(''),
  base64url: Buffer.from(`aws_secret_access_key=${SECRET} `).toString('base64url'),
  'unterminated "%" and "&#" runs': '%2&#x4%u&#',
};

function redactionCases(): DoublingCase[] {
  const sizes = [64_000, 128_000, 256_000, 512_000];
  const text = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  return Object.entries(ENCODINGS).flatMap(([name, unit]): DoublingCase[] => [
    { name: `redaction decoding (normalise): ${name} run`, kind: 'adversarial', sizes, unit: ' chars', input: text(unit), run: normalise },
    { name: `redaction (redactSecrets): ${name} run`, kind: 'adversarial', sizes, unit: ' chars', input: text(unit), run: redactSecrets },
  ]);
}

const SERVICES = ['s3', 'ec2', 'iam', 'sts', 'lambda', 'kms', 'sqs'];
const VERBS = ['Get', 'Put', 'List', 'Describe', 'Create'];
/** Action lists the size of 50,000 entries, in the shapes that once cost seconds. */
const ACTION_SHAPES: Record<string, (i: number) => string> = {
  'the same wildcard "s3:Get*"': () => 's3:Get*',
  '"*:*" in every entry': () => '*:*',
  'distinct wildcards "s3:Get*N"': (i) => `s3:Get*${i}`,
  'mixed services, wildcards and unknown actions': (i) => `${SERVICES[i % 7]}:${VERBS[i % 5]}${i % 3 ? '*' : `Object${i}`}`,
  'real actions and the wildcards covering them': (i) => ['s3:Get*', 's3:GetObject', 'ec2:Describe*', 'ec2:DescribeInstances', '*', 'iam:*'][i % 6],
};

function actionCases(catalog: IamCatalog): DoublingCase[] {
  const lint = (text: string) => lintPolicy(text, { policyType: 'IDENTITY_POLICY', catalog });
  const sizes = [6250, 12_500, 25_000, 50_000];
  const doc = (key: 'Action' | 'NotAction', shape: (i: number) => string) => (n: number) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', [key]: Array.from({ length: n }, (_, i) => shape(i)), Resource: '*' }] });
  return [
    ...Object.entries(ACTION_SHAPES).map(([name, shape]): DoublingCase => ({ name: `policy lint: Action of ${name}`, kind: 'adversarial', sizes, unit: ' actions', input: doc('Action', shape), run: lint })),
    { name: 'policy lint: NotAction of mixed wildcards', kind: 'adversarial', sizes, unit: ' actions', input: doc('NotAction', (i) => `${SERVICES[i % 7]}:${VERBS[i % 3]}*${i}`), run: lint },
    {
      name: 'policy lint: Resource of distinct wildcard ARNs',
      kind: 'adversarial',
      // 50,000 ARNs are over the 1 MiB a document may have.
      sizes: [3125, 6250, 12_500, 25_000],
      unit: ' ARNs',
      input: (n) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: n }, (_, i) => `arn:aws:s3:::b/*${i}`) }] }),
      run: lint,
    },
    {
      name: 'policy lint: Condition values with wildcards',
      kind: 'adversarial',
      sizes,
      unit: ' values',
      input: (n) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringLike: { 's3:prefix': Array.from({ length: n }, (_, i) => `home/*${i}`) } } }] }),
      run: lint,
    },
    {
      name: 'policy lint: statements of the same shape',
      kind: 'adversarial',
      sizes: [1000, 2000, 4000, 8000],
      unit: ' statements',
      input: (n) => JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: n }, (_, i) => ({ Effect: 'Allow', Action: ['s3:GetObject', 'ec2:Describe*'], Resource: `arn:aws:s3:::b${i % 50}/*` })) }),
      run: lint,
    },
  ];
}

const ACCOUNT = '123456789012';
const allow = (action: string, resource = '*') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
// Each role's policy differs, as in a real account: nothing is linted once for all.
const role = (i: number, document: unknown = allow(i % 2 ? 's3:GetObject' : 'ec2:Describe*', i % 2 ? `arn:aws:s3:::bucket-${i}/*` : '*')) => ({
  RoleName: `r${i}`,
  Arn: `arn:aws:iam::${ACCOUNT}:role/r${i}`,
  AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  RolePolicyList: [{ PolicyName: 'p', PolicyDocument: document }],
  AttachedManagedPolicies: [],
});

/** Account dumps linted as `sts-lens lint --auth-details` does, from the dump's text to the results. */
function accountDumpCases(handle: IamCatalogHandle): DoublingCase[] {
  const run = { handle, policyType: 'auto' as const, strict: false, project: () => undefined };
  const lint = (text: string) => lintAuthDetails(text, 'auth.json', run, false).results.length;
  const groups = Array.from({ length: 10 }, (_, i) => ({ GroupName: `g${i}`, Arn: `arn:aws:iam::${ACCOUNT}:group/g${i}`, GroupPolicyList: [{ PolicyName: 'p', PolicyDocument: allow(i % 2 ? 'iam:PassRole' : 'ec2:RunInstances') }], AttachedManagedPolicies: [] }));
  return [
    {
      name: 'account dump: roles with a trust and an inline policy',
      kind: 'normal',
      sizes: [1000, 2000, 4000, 8000],
      unit: ' roles',
      input: (n) => JSON.stringify({ RoleDetailList: Array.from({ length: n }, (_, i) => role(i)) }),
      run: lint,
    },
    {
      name: 'account dump: a GroupList naming 10 groups again and again',
      kind: 'adversarial',
      sizes: [50_000, 100_000, 200_000, 400_000],
      unit: ' names',
      input: (n) => JSON.stringify({ GroupDetailList: groups, UserDetailList: [{ UserName: 'u', Arn: `arn:aws:iam::${ACCOUNT}:user/u`, GroupList: Array.from({ length: n }, (_, i) => `g${i % 10}`) }] }),
      run: lint,
    },
    {
      name: 'account dump: one inline policy nested deep, 100 others',
      kind: 'adversarial',
      sizes: [25_000, 50_000, 100_000, 200_000],
      unit: ' deep',
      // Spliced into the text: JSON.stringify of the nested document itself would overflow.
      input: (n) => JSON.stringify({ RoleDetailList: [role(0, 'DEEP'), ...Array.from({ length: 100 }, (_, i) => role(i + 1))] }).replace('"DEEP"', `{"Version": "2012-10-17", "Statement": ${'['.repeat(n)}${']'.repeat(n)}}`),
      run: lint,
    },
  ];
}

/**
 * What the Profiles view asks of every profile (its chain's texts, whether it needs MFA) in a config
 * whose source_profile links make one line of roles, or one loop: once quadratic, a loop of 10,000
 * ran out of memory.
 */
function profileChainCases(): DoublingCase[] {
  const role = 'arn:aws:iam::123456789012:role/Deploy';
  const sizes = [5000, 10_000, 20_000, 40_000];
  const everyProfile = (sections: IniSections) => {
    const model = buildProfilesModel(sections, {});
    let chars = 0;
    for (const name of model.profiles.keys()) {
      const chain = profileChain(model, name);
      chars += chainText(chain, chainWords()).length + shortChainText(chain, chainWords()).length + (isBrokenChain(chain) || needsMfa(model, name) ? 1 : 0);
    }
    return chars;
  };
  const line = (n: number): IniSections => {
    const s: IniSections = { p0: { aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'x' } };
    for (let i = 1; i < n; i++) s[`p${i}`] = { role_arn: role, source_profile: `p${i - 1}` };
    return s;
  };
  const loop = (n: number): IniSections => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { role_arn: role, source_profile: `p${(i + 1) % n}` }]));
  return [
    { name: 'profile chains: every profile of a line of roles', kind: 'adversarial', sizes, unit: ' profiles', input: String, run: (n) => everyProfile(line(Number(n))) },
    { name: 'profile chains: every profile of a source_profile loop', kind: 'adversarial', sizes, unit: ' profiles', input: String, run: (n) => everyProfile(loop(Number(n))) },
    {
      // Once quadratic: each profile of the line walked the rest of it (10,000 into 10,000 took 8 s).
      name: 'config lint: a line of profiles into a source_profile loop',
      kind: 'adversarial',
      sizes,
      unit: ' profiles',
      input: (n) => Array.from({ length: n }, (_, i) => `[profile p${i}]\nrole_arn = ${role}\nsource_profile = p${i + 1 < n ? i + 1 : Math.floor(n / 2)}\n`).join(''),
      run: (text) => lintAwsConfig(text, 'config').length,
    },
  ];
}

export function doublingCases(handle: IamCatalogHandle): DoublingCase[] {
  return [...globCases(), ...scenarioCasesOf(), ...redactionCases(), ...actionCases(handle.catalog), ...accountDumpCases(handle), ...profileChainCases()];
}
