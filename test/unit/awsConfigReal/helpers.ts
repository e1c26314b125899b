// What the real-world config file suites share: fixtures read through the SDK's ini loader into the
// profiles model, the tree's words for each profile, and findings as `severity code @line`.
import * as assert from 'assert';
import * as fs from 'fs';
import { loadAwsFiles } from '../../../src/node/awsFiles';
import { lintAwsConfig, profileNamesOf, type ConfigFileKind, type ConfigFinding } from '../../../src/core/profiles/configLint';
import { fileProblems } from '../../../src/core/profiles/fileProblems';
import { buildProfilesModel, needsMfa, type AwsProfile, type ProfileKind, type ProfilesModel } from '../../../src/core/profiles/model';
import { fixturePath } from '../fixtures';

export const AREA = 'aws-config-real';
export const MISSING = fixturePath(AREA, 'no-such-file');

export function fixture(name: string | undefined): string {
  return name ? fixturePath(AREA, name) : MISSING;
}

export async function model(config: string | undefined, credentials?: string): Promise<ProfilesModel> {
  const files = await loadAwsFiles({ config: fixture(config), credentials: fixture(credentials) });
  return buildProfilesModel(files.configSections, files.credentialsSections);
}

export function profile(m: ProfilesModel, name: string): AwsProfile {
  const p = m.profiles.get(name);
  assert.ok(p, `profile "${name}" is in the model (has: ${[...m.profiles.keys()].join(', ')})`);
  return p;
}

/** Each kind as the tree words it in English (src/vscode/profiles/profileText.ts), so the cases read as the tree does. */
export const KIND_WORDS: Record<ProfileKind, string> = {
  static: 'access keys', role: 'role', sso: 'IAM Identity Center (SSO)', process: 'credential_process', rolesAnywhere: 'IAM Roles Anywhere',
  webIdentity: 'web identity', login: 'AWS sign-in (aws login)', regionOnly: 'settings only',
};

/** What the tree shows next to a profile's name: kind, region, and whether it needs an MFA code. */
export function summary(m: ProfilesModel, name: string): string {
  const p = profile(m, name);
  return [KIND_WORDS[p.kind], p.region ?? '-', needsMfa(m, name) ? 'MFA' : 'no MFA'].join(' | ');
}

export function read(name: string): string {
  return fs.readFileSync(fixturePath(AREA, name), 'utf8');
}

export function findings(name: string, otherFile?: string): ConfigFinding[] {
  const kind: ConfigFileKind = name.endsWith('.credentials') ? 'credentials' : 'config';
  const otherKind: ConfigFileKind = kind === 'config' ? 'credentials' : 'config';
  return lintAwsConfig(read(name), kind, { otherFileProfiles: otherFile ? profileNamesOf(read(otherFile), otherKind) : [] });
}

/** Findings as `severity code @line` (1-based line, as an editor shows it). */
export function lint(name: string, otherFile?: string): string[] {
  return lintLines(findings(name, otherFile));
}

export function lintLines(f: readonly ConfigFinding[]): string[] {
  return f.map((x) => `${x.severity} ${x.code} @${x.range.startLine + 1}`);
}

export function assertNoTreeProblems(...names: string[]): void {
  for (const n of names) {
    assert.deepStrictEqual(fileProblems(read(n), n.endsWith('.credentials') ? 'credentials' : 'config'), [], `${n} shows no error node in the tree`);
  }
}
