/**
 * Lints an AWS shared config or credentials file: syntax the SDKs read differently or not at all,
 * unknown or misspelt settings, malformed values, and profile chains that will fail at run time
 * (cycles, missing source profiles, sessions longer than role chaining allows, MFA settings the
 * SDKs ignore). Pure: takes the text, returns findings.
 *
 * Ranges are 0-based lines and columns with exclusive ends, ready for `vscode.Range`.
 */

import {
  CREDENTIALS_FILE_KEYS,
  CREDENTIAL_SOURCES,
  JS_SECTION_NAME,
  NESTED_PROFILE_KEYS,
  OTHER_CONFIG_SECTIONS,
  PROFILE_KEYS,
  S3_NESTED_KEYS,
  SERVICE_NESTED_KEYS,
  SSO_SESSION_KEYS,
  THIRD_PARTY_KEYS,
  isThirdPartyKey,
} from './configLintKeys';
import { looksLikeSecretFragment, redactMessage } from '../sessions/redact';
import { suggestKey, suggestName } from './configLintSuggest';
import { CHAINED_MAX_DURATION_SECONDS, checkDuration, mfaSerialProblem, roleArnProblem, simpleValueProblem } from './configLintValues';
import { IniEntry, IniSection, TextRange, parseIniWithPositions, range } from './iniPositions';

export type { TextRange } from './iniPositions';

export type ConfigFileKind = 'config' | 'credentials';

export type ConfigFindingSeverity = 'error' | 'warning' | 'info';

export type ConfigFindingCode =
  // Syntax
  | 'outside-section'
  | 'malformed-line'
  | 'malformed-section-header'
  | 'continuation-line'
  | 'nested-without-parent'
  | 'duplicate-section'
  | 'duplicate-profile'
  | 'duplicate-key'
  | 'missing-profile-prefix'
  | 'unexpected-profile-prefix'
  | 'unknown-section'
  | 'invalid-profile-name'
  | 'colon-delimiter'
  | 'inline-comment'
  | 'quoted-value'
  // Keys
  | 'unknown-key'
  | 'credentials-file-setting'
  | 'secret-in-config'
  // Values
  | 'invalid-role-arn'
  | 'invalid-mfa-serial'
  | 'invalid-duration'
  | 'invalid-credential-source'
  | 'invalid-value'
  // Profiles and chains
  | 'source-profile-cycle'
  | 'missing-source-profile'
  | 'source-without-credentials'
  | 'source-conflict'
  | 'role-without-source'
  | 'setting-without-role'
  | 'web-identity-without-role'
  | 'chained-duration'
  | 'mfa-serial-unused'
  | 'incomplete-static-keys'
  | 'missing-sso-session'
  | 'incomplete-sso'
  | 'sso-session-conflict'
  | 'missing-services-section'
  | 'mixed-credentials';

export interface ConfigTextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

/** An obvious correction, applied as a quick fix. */
export interface ConfigFix {
  readonly title: string;
  readonly edits: readonly ConfigTextEdit[];
}

export interface ConfigFinding {
  readonly code: ConfigFindingCode;
  readonly severity: ConfigFindingSeverity;
  readonly message: string;
  readonly range: TextRange;
  /** The profile (or sso-session / services name) the finding is about, when there is one. */
  readonly profile?: string;
  readonly fix?: ConfigFix;
  /** The setting has no effect, so an editor may fade it. */
  readonly unnecessary?: boolean;
}

export interface LintOptions {
  /**
   * Profile names defined in the other file (credentials when linting config, and the reverse),
   * so a `source_profile` that lives there is not reported missing. When linting the config file,
   * these profiles are taken to hold static keys, which is what the credentials file is for.
   */
  readonly otherFileProfiles?: readonly string[];
}

/** One profile as seen in this file: its sections merged, the last value of a key winning. */
interface ProfileView {
  readonly name: string;
  readonly sections: IniSection[];
  readonly keys: Map<string, IniEntry>;
}

const ROLE_ONLY_SETTINGS = ['external_id', 'role_session_name', 'duration_seconds', 'source_profile'];

function has(p: ProfileView, key: string): boolean {
  return (p.keys.get(key)?.value ?? '') !== '';
}

function val(p: ProfileView, key: string): string | undefined {
  const v = p.keys.get(key)?.value;
  return v ? v : undefined;
}

/** The profile name a section defines, or undefined for non-profile sections. */
function profileNameOf(section: IniSection, kind: ConfigFileKind): string | undefined {
  if (kind === 'credentials') return section.header.trim();
  if (section.type === 'default') return 'default';
  if (section.type === 'profile' && section.name) return section.name;
  return undefined;
}

/** Names of the profiles a file defines, as the SDKs name them; for `LintOptions.otherFileProfiles`. */
export function profileNamesOf(text: string, kind: ConfigFileKind): string[] {
  const names = new Set<string>();
  for (const s of parseIniWithPositions(text).sections) {
    const n = profileNameOf(s, kind);
    if (n) names.add(n);
  }
  return [...names];
}

export function lintAwsConfig(text: string, kind: ConfigFileKind, options: LintOptions = {}): ConfigFinding[] {
  const doc = parseIniWithPositions(text);
  const findings: ConfigFinding[] = doc.problems.map((p) => ({
    code: p.kind,
    // An indented first setting is read normally by the AWS CLI and the SDKs: only a style note.
    severity: p.kind === 'nested-without-parent' ? 'info' : p.kind === 'continuation-line' ? 'warning' : 'error',
    message: redactMessage(p.message),
    range: p.range,
  }));
  // Messages quote keys and values from the file, which may be credentials: they go to the Problems panel.
  const add = (f: ConfigFinding): void => {
    findings.push({ ...f, message: redactMessage(f.message) });
  };

  const profiles = new Map<string, ProfileView>();
  const ssoSessions = new Map<string, IniSection>();
  const servicesSections = new Map<string, IniSection>();
  const seenHeaders = new Map<string, IniSection>();
  const seenProfileSections = new Map<string, IniSection>();

  for (const section of doc.sections) {
    lintHeader(section, kind, add);
    const exact = seenHeaders.get(section.header);
    if (exact) {
      add({
        code: 'duplicate-section',
        severity: 'error',
        message: `[${section.header}] is already defined on line ${exact.line + 1}. The AWS CLI refuses to read a file with a repeated section; other SDKs silently merge the two.`,
        range: section.headerRange,
        profile: profileNameOf(section, kind),
      });
    }
    seenHeaders.set(section.header, section);
    lintSectionKeys(section, kind, add);

    const name = profileNameOf(section, kind);
    if (name !== undefined) {
      const previous = seenProfileSections.get(name);
      if (previous && !exact) {
        add({
          code: 'duplicate-profile',
          severity: 'warning',
          message: `Profile "${name}" is also defined by [${previous.header}] on line ${previous.line + 1}; the SDKs disagree on which settings win. Keep one section.`,
          range: section.headerRange,
          profile: name,
        });
      }
      seenProfileSections.set(name, section);
      const view = profiles.get(name) ?? { name, sections: [], keys: new Map<string, IniEntry>() };
      view.sections.push(section);
      for (const e of section.entries) view.keys.set(e.key, e);
      profiles.set(name, view);
    } else if (kind === 'config' && section.type === 'sso-session' && section.name) {
      ssoSessions.set(section.name, section);
    } else if (kind === 'config' && section.type === 'services' && section.name) {
      servicesSections.set(section.name, section);
    }
  }

  const other = new Set(options.otherFileProfiles ?? []);
  const exists = (n: string): boolean => profiles.has(n) || other.has(n);
  const hasStaticKeys = (n: string): boolean => {
    const p = profiles.get(n);
    if (p && has(p, 'aws_access_key_id') && has(p, 'aws_secret_access_key')) return true;
    return kind === 'config' && other.has(n);
  };

  for (const p of profiles.values()) lintProfile(p, { kind, profiles, exists, hasStaticKeys, ssoSessions, servicesSections, add });
  for (const s of ssoSessions.values()) lintSsoSession(s, add);
  lintCycles(profiles, exists, hasStaticKeys, add);

  return findings.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
}

type Add = (f: ConfigFinding) => void;

function lintHeader(section: IniSection, kind: ConfigFileKind, add: Add): void {
  const header = section.header.trim();
  const at = section.nameRange;
  if (header !== 'default' && header.toLowerCase() === 'default') {
    add({
      code: 'malformed-section-header',
      severity: 'warning',
      message: `[${header}] is not the default profile: names are case-sensitive. The AWS CLI's parser also copies a [DEFAULT] section's settings into every other profile. Write [default].`,
      range: section.headerRange,
      fix: { title: 'Change to [default]', edits: [{ range: section.headerRange, newText: '[default]' }] },
    });
    return;
  }
  if (header && header !== section.header) {
    add({
      code: 'malformed-section-header',
      severity: 'warning',
      message: `Blanks inside the brackets make the SDKs miss this section: write [${header}].`,
      range: section.headerRange,
      profile: profileNameOf(section, kind),
      fix: { title: `Change to [${header}]`, edits: [{ range: section.headerRange, newText: `[${header}]` }] },
    });
  }
  if (kind === 'credentials') {
    if (section.type === 'profile') {
      add({
        code: 'unexpected-profile-prefix',
        severity: 'warning',
        message: `The credentials file names profiles without the "profile " prefix: this section defines a profile called "${header}", not "${section.name}".`,
        range: section.headerRange,
        profile: section.name,
        fix: { title: `Rename to [${section.name}]`, edits: [{ range: section.headerRange, newText: `[${section.name}]` }] },
      });
    } else if (section.type === 'sso-session' || section.type === 'services') {
      add({
        code: 'unknown-section',
        severity: 'warning',
        message: `[${section.type} …] sections belong in the config file; the SDKs ignore them in the credentials file.`,
        range: section.headerRange,
      });
    } else if (/\s/.test(header)) {
      add({
        code: 'invalid-profile-name',
        severity: 'warning',
        message: `The profile name "${header}" contains a blank; the AWS SDK for JavaScript skips such sections.`,
        range: at,
      });
    }
    return;
  }

  if (section.type === 'other') {
    if (OTHER_CONFIG_SECTIONS.includes(header)) return;
    const word = /^(\S+)/.exec(header)?.[1] ?? '';
    const prefix = ['profile', 'sso-session', 'services'].find((p) => p === word.toLowerCase() || p === word.toLowerCase().replace('_', '-'));
    if (header === 'profile' || header === 'sso-session' || header === 'services') {
      add({ code: 'malformed-section-header', severity: 'error', message: `[${header}] needs a name: [${header} NAME].`, range: section.headerRange });
      return;
    }
    if (prefix && word !== prefix) {
      const fixed = `[${prefix} ${header.slice(word.length).trim()}]`;
      add({
        code: 'malformed-section-header',
        severity: 'warning',
        message: `The section prefix is "${prefix}", in lower case; the SDKs ignore [${header}].`,
        range: section.headerRange,
        fix: { title: `Change to ${fixed}`, edits: [{ range: section.headerRange, newText: fixed }] },
      });
      return;
    }
    if (JS_SECTION_NAME.test(header)) {
      add({
        code: 'missing-profile-prefix',
        severity: 'warning',
        message: `In the config file a profile other than default is written [profile ${header}]; the SDKs ignore [${header}].`,
        range: section.headerRange,
        profile: header,
        fix: { title: `Change to [profile ${header}]`, edits: [{ range: section.headerRange, newText: `[profile ${header}]` }] },
      });
      return;
    }
    add({
      code: 'unknown-section',
      severity: 'warning',
      message: `[${header}] is not a profile, sso-session or services section; the SDKs ignore it.`,
      range: section.headerRange,
    });
    return;
  }

  if (section.type === 'default') return;
  if (section.prefixGap !== undefined && section.prefixGap !== ' ') {
    const fixed = `[${section.prefix} ${header.slice((section.prefix ?? '').length).trim()}]`;
    add({
      code: 'malformed-section-header',
      severity: 'warning',
      message: `Write exactly one space after "${section.prefix}": the AWS SDK for JavaScript ignores [${header}].`,
      range: section.headerRange,
      profile: section.name,
      fix: { title: `Change to ${fixed}`, edits: [{ range: section.headerRange, newText: fixed }] },
    });
  }
  if (!JS_SECTION_NAME.test(section.name)) {
    add({
      code: 'invalid-profile-name',
      severity: 'warning',
      message: `The name "${section.name}" has characters the AWS SDK for JavaScript does not accept in a section name (letters, digits and - _ @ + . % : / only), so it ignores this section${section.quoted ? ', although the AWS CLI reads the quoted name' : ''}.`,
      range: at,
      profile: section.name,
    });
  }
}

function contextKeys(section: IniSection, kind: ConfigFileKind): readonly string[] | undefined {
  if (kind === 'credentials') return [...CREDENTIALS_FILE_KEYS, ...PROFILE_KEYS, ...THIRD_PARTY_KEYS];
  if (section.type === 'default' || section.type === 'profile') return [...PROFILE_KEYS, ...THIRD_PARTY_KEYS];
  if (section.type === 'sso-session') return SSO_SESSION_KEYS;
  return undefined;
}

function suggestionCandidates(section: IniSection, kind: ConfigFileKind): readonly string[] {
  if (kind === 'credentials') return [...CREDENTIALS_FILE_KEYS, ...PROFILE_KEYS];
  if (section.type === 'sso-session') return SSO_SESSION_KEYS;
  return PROFILE_KEYS;
}

function unknownKey(e: IniEntry, candidates: readonly string[], where: string, profile: string | undefined, add: Add): void {
  if (looksLikeSecretFragment(e.key)) {
    add({ code: 'unknown-key', severity: 'warning', message: `This line ${where} is not a setting: it looks like part of a credential, such as a session token wrapped onto a new line. The AWS CLI and SDKs ignore it; keep each value on one line.`, range: e.keyRange, profile });
    return;
  }
  const suggestion = suggestKey(e.key, candidates);
  add({
    code: 'unknown-key',
    severity: 'warning',
    message: suggestion
      ? `Unknown setting "${e.key}" ${where}. Did you mean "${suggestion}"?`
      : `Unknown setting "${e.key}" ${where}; the AWS CLI and SDKs ignore it.`,
    range: e.keyRange,
    profile,
    fix: suggestion ? { title: `Rename to ${suggestion}`, edits: [{ range: e.keyRange, newText: suggestion }] } : undefined,
  });
}

function lintSectionKeys(section: IniSection, kind: ConfigFileKind, add: Add): void {
  const profile = profileNameOf(section, kind) ?? (section.type === 'other' ? undefined : section.name);
  const known = contextKeys(section, kind);
  const seen = new Map<string, IniEntry>();
  const where = kind === 'credentials' ? 'in the credentials file' : section.type === 'sso-session' ? 'in an sso-session section' : 'in a profile';

  for (const e of section.entries) {
    const lower = e.key.toLowerCase();
    const first = seen.get(lower);
    if (first) {
      add({
        code: 'duplicate-key',
        severity: 'error',
        message: `"${e.key}" is already set on line ${first.line + 1} of this section. The AWS CLI refuses to read the file; other SDKs take the last value.`,
        range: e.keyRange,
        profile,
      });
    }
    seen.set(lower, e);
    lintEntrySyntax(e, profile, add);
    for (const n of e.nested) lintEntrySyntax(n, profile, add);

    if (section.type === 'services' && kind === 'config') {
      lintServiceEntry(e, section.name, add);
      continue;
    }
    if (!known) continue;
    if (e.key === 'source_identity') {
      add({
        code: 'unknown-key',
        severity: 'info',
        message: 'The AWS CLI and SDKs do not read source_identity from a profile, so AssumeRole is called without a source identity. Pass it on the call instead (aws sts assume-role --source-identity, or the advanced options of STS Lens\'s Assume Role).',
        range: e.keyRange,
        profile,
        unnecessary: true,
      });
      continue;
    }
    const lowerKnown = lower !== e.key && known.includes(lower) ? lower : undefined;
    if (lowerKnown) {
      add({
        code: 'unknown-key',
        severity: 'warning',
        message: `Setting names are lower case: the AWS CLI reads "${e.key}" as "${lowerKnown}", but the AWS SDK for JavaScript, which STS Lens uses, ignores it.`,
        range: e.keyRange,
        profile,
        fix: { title: `Rename to ${lowerKnown}`, edits: [{ range: e.keyRange, newText: lowerKnown }] },
      });
      continue;
    }
    if (!known.includes(e.key) && !isThirdPartyKey(e.key)) {
      unknownKey(e, suggestionCandidates(section, kind), where, profile, add);
      continue;
    }
    if (kind === 'credentials' && !CREDENTIALS_FILE_KEYS.includes(e.key) && !THIRD_PARTY_KEYS.includes(e.key)) {
      add({
        code: 'credentials-file-setting',
        severity: 'info',
        message: `"${e.key}" belongs in the config file. The AWS CLI documents only credentials (aws_access_key_id, aws_secret_access_key, aws_session_token) in the credentials file, and some tools read nothing else from it.`,
        range: e.keyRange,
        profile,
      });
    }
    if (kind === 'config' && (e.key === 'aws_secret_access_key' || e.key === 'aws_session_token' || e.key === 'aws_security_token')) {
      add({
        code: 'secret-in-config',
        severity: 'warning',
        message: `A secret (${e.key}) is stored in the config file. Keep credentials in the credentials file, or better in a credential_process, SSO or aws-vault, since config files are shared and checked in more often.`,
        range: e.keyRange,
        profile,
      });
    }
    lintValue(e, profile, add);
    if (e.key === 's3') {
      for (const n of e.nested) if (!S3_NESTED_KEYS.includes(n.key)) unknownKey(n, S3_NESTED_KEYS, 'under s3', profile, add);
    }
    if (e.nested.length > 0 && !NESTED_PROFILE_KEYS.includes(e.key)) {
      add({
        code: 'invalid-value',
        severity: 'warning',
        message: `"${e.key}" does not take indented settings; only ${NESTED_PROFILE_KEYS.join(' and ')} do in a profile.`,
        range: e.keyRange,
        profile,
      });
    }
  }
}

function lintEntrySyntax(e: IniEntry, profile: string | undefined, add: Add): void {
  if (e.delimiter === ':') {
    add({
      code: 'colon-delimiter',
      severity: 'warning',
      message: `"${e.key}:" uses ":" where the SDKs expect "=": the AWS CLI accepts it, the AWS SDK for JavaScript and others ignore the line.`,
      range: range(e.line, e.delimiterColumn, e.delimiterColumn + 1),
      profile,
      fix: { title: 'Use = between key and value', edits: [{ range: range(e.line, e.delimiterColumn, e.delimiterColumn + 1), newText: ' =' }] },
    });
  }
  if (e.inlineCommentColumn !== undefined) {
    const commentRange = range(e.line, e.valueRange.endColumn, e.lineEndColumn);
    add({
      code: 'inline-comment',
      severity: 'warning',
      message: `The AWS CLI and boto3 read the comment as part of the value of "${e.key}"; the AWS SDK for JavaScript drops it. Put comments on their own line.`,
      range: range(e.line, e.inlineCommentColumn, e.lineEndColumn),
      profile,
      fix: {
        title: 'Move the comment to its own line',
        edits: [
          { range: range(e.line, 0, 0), newText: `${' '.repeat(e.keyRange.startColumn)}${e.inlineComment ?? ''}\n` },
          { range: commentRange, newText: '' },
        ],
      },
    });
  }
}

function lintServiceEntry(e: IniEntry, servicesName: string, add: Add): void {
  if (e.value !== '' || e.nested.length === 0) {
    add({
      code: 'invalid-value',
      severity: 'warning',
      message: `In a [services ${servicesName}] section, "${e.key}" should be a service identifier followed by indented settings, such as "${e.key} =" then "  endpoint_url = https://…".`,
      range: e.keyRange,
      profile: servicesName,
    });
  }
  for (const n of e.nested) {
    if (!SERVICE_NESTED_KEYS.includes(n.key)) {
      const suggestion = suggestKey(n.key, SERVICE_NESTED_KEYS);
      add({
        code: 'unknown-key',
        severity: 'info',
        message: `"${n.key}" is not a documented per-service setting (endpoint_url is)${suggestion ? `. Did you mean "${suggestion}"?` : '.'}`,
        range: n.keyRange,
        profile: servicesName,
        fix: suggestion ? { title: `Rename to ${suggestion}`, edits: [{ range: n.keyRange, newText: suggestion }] } : undefined,
      });
    } else {
      lintValue(n, servicesName, add);
    }
  }
}

function lintValue(e: IniEntry, profile: string | undefined, add: Add): void {
  const v = e.value;
  if (!v) return;
  if (/^(["']).*\1$/.test(v) && v.length >= 2 && e.key !== 'credential_process') {
    add({
      code: 'quoted-value',
      severity: 'warning',
      message: `The quotes are part of the value: the SDKs do not remove them from "${e.key}".`,
      range: e.valueRange,
      profile,
      fix: { title: 'Remove the quotes', edits: [{ range: e.valueRange, newText: v.slice(1, -1) }] },
    });
    return;
  }
  let problem: string | undefined;
  let code: ConfigFindingCode = 'invalid-value';
  let severity: ConfigFindingSeverity = 'warning';
  let fix: ConfigFix | undefined;
  switch (e.key) {
    case 'role_arn':
      problem = roleArnProblem(v);
      code = 'invalid-role-arn';
      severity = 'error';
      break;
    case 'mfa_serial':
      problem = mfaSerialProblem(v);
      code = 'invalid-mfa-serial';
      severity = 'error';
      break;
    case 'duration_seconds': {
      const d = checkDuration(v);
      if (!d.ok) problem = d.message;
      code = 'invalid-duration';
      severity = 'error';
      break;
    }
    case 'credential_source':
      if (!CREDENTIAL_SOURCES.includes(v)) {
        const suggestion = suggestKey(v, CREDENTIAL_SOURCES, true);
        problem = `credential_source is "${v}"; the SDKs accept only ${CREDENTIAL_SOURCES.join(', ')} (case matters).${suggestion ? ` Did you mean ${suggestion}?` : ''}`;
        if (suggestion) fix = { title: `Change to ${suggestion}`, edits: [{ range: e.valueRange, newText: suggestion }] };
      }
      code = 'invalid-credential-source';
      severity = 'error';
      break;
    case 'role_session_name':
    case 'external_id':
      problem = simpleValueProblem(e.key, v);
      severity = 'error';
      break;
    default:
      problem = simpleValueProblem(e.key, v);
  }
  if (problem) add({ code, severity, message: problem, range: e.valueRange, profile, fix });
}

interface ProfileContext {
  readonly kind: ConfigFileKind;
  readonly profiles: ReadonlyMap<string, ProfileView>;
  readonly exists: (name: string) => boolean;
  readonly hasStaticKeys: (name: string) => boolean;
  readonly ssoSessions: ReadonlyMap<string, IniSection>;
  readonly servicesSections: ReadonlyMap<string, IniSection>;
  readonly add: Add;
}

function isSso(p: ProfileView): boolean {
  return has(p, 'sso_session') || has(p, 'sso_start_url') || has(p, 'sso_account_id') || has(p, 'sso_role_name');
}

/** Whether credentials from this profile are themselves a role session (so AssumeRole from them is role chaining). */
function yieldsRoleSession(p: ProfileView, hasStaticKeys: (n: string) => boolean): boolean {
  if (hasStaticKeys(p.name)) return false;
  // A role assumed from a credential_source is still a role session: AssumeRole from it is chaining.
  if (has(p, 'role_arn') && (has(p, 'source_profile') || has(p, 'credential_source') || has(p, 'web_identity_token_file'))) return true;
  return isSso(p) && has(p, 'sso_role_name');
}

/** Whether a profile can produce credentials by itself, as a source profile. */
function canProvideCredentials(p: ProfileView): boolean {
  return (
    (has(p, 'aws_access_key_id') && has(p, 'aws_secret_access_key')) ||
    (has(p, 'role_arn') && (has(p, 'source_profile') || has(p, 'credential_source') || has(p, 'web_identity_token_file'))) ||
    has(p, 'credential_source') ||
    has(p, 'credential_process') ||
    has(p, 'login_session') ||
    isSso(p)
  );
}

function lintProfile(p: ProfileView, ctx: ProfileContext): void {
  const { add } = ctx;
  const entry = (k: string): IniEntry | undefined => (has(p, k) ? p.keys.get(k) : undefined);
  const roleArn = entry('role_arn');
  const sourceProfile = entry('source_profile');
  const credentialSource = entry('credential_source');
  const webIdentity = entry('web_identity_token_file');
  const mfa = entry('mfa_serial');

  const keyId = entry('aws_access_key_id');
  const secret = entry('aws_secret_access_key');
  if ((keyId && !secret) || (!keyId && secret)) {
    const present = (keyId ?? secret) as IniEntry;
    add({
      code: 'incomplete-static-keys',
      severity: 'error',
      message: `Profile "${p.name}" has ${present.key} but no ${keyId ? 'aws_secret_access_key' : 'aws_access_key_id'}; static credentials need both.`,
      range: present.keyRange,
      profile: p.name,
    });
  }
  const token = entry('aws_session_token') ?? entry('aws_security_token');
  if (keyId && /^ASIA/.test(keyId.value) && !token) {
    add({
      code: 'incomplete-static-keys',
      severity: 'error',
      message: `Profile "${p.name}" has a temporary access key (ASIA…) but no aws_session_token; AWS rejects temporary keys without their session token.`,
      range: keyId.keyRange,
      profile: p.name,
    });
  }
  if (keyId && token && /^AKIA/.test(keyId.value)) {
    add({
      code: 'incomplete-static-keys',
      severity: 'warning',
      message: `Profile "${p.name}" pairs a long-term access key (AKIA…) with a session token; session tokens belong to temporary keys (ASIA…), and AWS rejects the mix as an invalid token.`,
      range: token.keyRange,
      profile: p.name,
    });
  }
  if (token && !keyId && !secret) {
    add({
      code: 'incomplete-static-keys',
      severity: 'error',
      message: `Profile "${p.name}" has aws_session_token without the access key and secret it belongs to.`,
      range: token.keyRange,
      profile: p.name,
    });
  }

  if (roleArn) {
    if (sourceProfile && credentialSource) {
      add({
        code: 'source-conflict',
        severity: 'error',
        message: `Profile "${p.name}" sets both source_profile and credential_source; they are mutually exclusive (the AWS CLI stops with an error, the JavaScript SDK does not treat the profile as a role). Keep one.`,
        range: credentialSource.keyRange,
        profile: p.name,
      });
    } else if (!sourceProfile && !credentialSource && !webIdentity) {
      add({
        code: 'role-without-source',
        severity: 'error',
        message: `Profile "${p.name}" has role_arn but nothing to assume it with: add source_profile (a profile with credentials), credential_source (Environment, Ec2InstanceMetadata or EcsContainer) or web_identity_token_file.`,
        range: roleArn.keyRange,
        profile: p.name,
      });
    }
    if (webIdentity && !sourceProfile && !credentialSource) {
      for (const k of ['mfa_serial', 'external_id']) {
        const e = entry(k);
        if (!e) continue;
        add({
          code: k === 'mfa_serial' ? 'mfa-serial-unused' : 'setting-without-role',
          severity: 'warning',
          message: `Profile "${p.name}" gets credentials with AssumeRoleWithWebIdentity, which takes no ${k === 'mfa_serial' ? 'MFA' : 'external ID'}; ${k} is ignored here.`,
          range: e.keyRange,
          profile: p.name,
          unnecessary: true,
        });
      }
    }
  } else {
    if (webIdentity) {
      add({
        code: 'web-identity-without-role',
        severity: 'error',
        message: `Profile "${p.name}" has web_identity_token_file but no role_arn; AssumeRoleWithWebIdentity needs the role to assume.`,
        range: webIdentity.keyRange,
        profile: p.name,
      });
    }
    for (const k of ROLE_ONLY_SETTINGS) {
      const e = entry(k);
      if (!e) continue;
      add({
        code: 'setting-without-role',
        severity: 'warning',
        message: `${k} is used only when assuming a role, and profile "${p.name}" has no role_arn; the SDKs ignore it.`,
        range: e.keyRange,
        profile: p.name,
        unnecessary: true,
      });
    }
    if (mfa) lintUnusedMfa(p, mfa, ctx);
  }

  if (sourceProfile && !ctx.exists(sourceProfile.value)) {
    const known = [...ctx.profiles.keys()];
    const suggestion = suggestName(sourceProfile.value, known);
    add({
      code: 'missing-source-profile',
      severity: 'error',
      message: `source_profile "${sourceProfile.value}" is not defined in the config or credentials file.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      range: sourceProfile.valueRange,
      profile: p.name,
      fix: suggestion ? { title: `Change to ${suggestion}`, edits: [{ range: sourceProfile.valueRange, newText: suggestion }] } : undefined,
    });
  }

  const sourceView = sourceProfile ? ctx.profiles.get(sourceProfile.value) : undefined;
  if (roleArn && sourceProfile && sourceView && sourceView.name !== p.name && !ctx.hasStaticKeys(sourceView.name) && !canProvideCredentials(sourceView)) {
    add({
      code: 'source-without-credentials',
      severity: 'warning',
      message: `source_profile "${sourceView.name}" has no credentials of its own (no keys, role, SSO, credential_process or web identity${ctx.kind === 'config' ? ', and no section in the credentials file' : ''}), so the AWS CLI and SDKs cannot assume role_arn from it. Tools such as aws-vault keep such keys in their own store.`,
      range: sourceProfile.valueRange,
      profile: p.name,
    });
  }

  const duration = entry('duration_seconds');
  if (roleArn && sourceProfile && duration) {
    const d = checkDuration(duration.value);
    const source = ctx.profiles.get(sourceProfile.value);
    if (d.ok && d.seconds > CHAINED_MAX_DURATION_SECONDS && source && source.name !== p.name && yieldsRoleSession(source, ctx.hasStaticKeys)) {
      const how = has(source, 'role_arn') ? 'a role it assumes' : 'an IAM Identity Center (SSO) role';
      add({
        code: 'chained-duration',
        severity: 'error',
        message: `Profile "${p.name}" assumes its role with credentials from "${source.name}", which are ${how}: that is role chaining, which STS caps at ${CHAINED_MAX_DURATION_SECONDS} seconds (1 hour). duration_seconds = ${d.seconds} makes AssumeRole fail.`,
        range: duration.valueRange,
        profile: p.name,
        fix: { title: `Set duration_seconds to ${CHAINED_MAX_DURATION_SECONDS}`, edits: [{ range: duration.valueRange, newText: String(CHAINED_MAX_DURATION_SECONDS) }] },
      });
    }
  }

  if (ctx.kind === 'config') lintSsoProfile(p, ctx);
  if (!(roleArn && (sourceProfile || credentialSource))) lintMixedCredentials(p, ctx);

  const services = entry('services');
  if (ctx.kind === 'config' && services && !ctx.servicesSections.has(services.value)) {
    add({
      code: 'missing-services-section',
      severity: 'error',
      message: `services = ${services.value} refers to a [services ${services.value}] section that the config file does not have.`,
      range: services.valueRange,
      profile: p.name,
    });
  }
}

type Provider = 'static' | 'webIdentity' | 'process' | 'sso';

const PROVIDER_WORDS: Readonly<Record<Provider, string>> = {
  static: 'access keys',
  webIdentity: 'web identity (role_arn with web_identity_token_file)',
  process: 'credential_process',
  sso: 'IAM Identity Center (SSO) settings',
};

/**
 * A profile with more than one way to get credentials: the JavaScript SDK (which STS Lens uses) and
 * the AWS CLI try them in different orders, so the two may sign in as different identities.
 */
function lintMixedCredentials(p: ProfileView, ctx: ProfileContext): void {
  const keysHere = has(p, 'aws_access_key_id') && has(p, 'aws_secret_access_key');
  const keysThere = !keysHere && ctx.kind === 'config' && ctx.hasStaticKeys(p.name);
  const present: { provider: Provider; entry?: IniEntry }[] = [];
  if (keysHere || keysThere) present.push({ provider: 'static', entry: keysHere ? p.keys.get('aws_access_key_id') : undefined });
  if (has(p, 'role_arn') && has(p, 'web_identity_token_file')) present.push({ provider: 'webIdentity', entry: p.keys.get('web_identity_token_file') });
  if (has(p, 'credential_process')) present.push({ provider: 'process', entry: p.keys.get('credential_process') });
  if (isSso(p)) present.push({ provider: 'sso', entry: p.keys.get('sso_session') ?? p.keys.get('sso_start_url') ?? p.keys.get('sso_account_id') ?? p.keys.get('sso_role_name') });
  const kinds = present.map((x) => x.provider);
  // aws-sso-util writes credential_process beside the sso_* keys on purpose: both give the same role.
  if (present.length < 2 || (kinds.length === 2 && kinds.includes('process') && kinds.includes('sso'))) return;
  // fromIni: static, web identity, process, SSO. botocore: web identity, SSO, credentials-file keys, process, config-file keys.
  const js = kinds[0];
  const keysInCredentialsFile = keysThere || (keysHere && ctx.kind === 'credentials');
  const cliOrder: Provider[] = keysInCredentialsFile ? ['webIdentity', 'sso', 'static', 'process'] : ['webIdentity', 'sso', 'process', 'static'];
  const cli = cliOrder.find((k) => kinds.includes(k)) as Provider;
  const anchor = present.find((x) => x.provider !== js && x.entry)?.entry ?? present.find((x) => x.entry)?.entry;
  if (!anchor) return;
  const where = keysThere ? ' (its access keys are in the credentials file)' : '';
  ctx.add({
    code: 'mixed-credentials',
    severity: 'warning',
    message: js === cli
      ? `Profile "${p.name}" has ${kinds.map((k) => PROVIDER_WORDS[k]).join(' and ')}${where}; the AWS CLI and SDKs use only the ${PROVIDER_WORDS[js]}. Remove the others.`
      : `Profile "${p.name}" has ${kinds.map((k) => PROVIDER_WORDS[k]).join(' and ')}${where}: the AWS SDK for JavaScript (and STS Lens) uses the ${PROVIDER_WORDS[js]}, the AWS CLI the ${PROVIDER_WORDS[cli]}, so they can act as different identities. Keep one.`,
    range: anchor.keyRange,
    profile: p.name,
  });
}

function lintUnusedMfa(p: ProfileView, mfa: IniEntry, ctx: ProfileContext): void {
  const dependents = [...ctx.profiles.values()].filter(
    (q) => q.name !== p.name && has(q, 'role_arn') && val(q, 'source_profile') === p.name && !has(q, 'mfa_serial'),
  );
  const otherProvider = isSso(p) || has(p, 'credential_process') || has(p, 'web_identity_token_file');
  const hint = dependents.length > 0
    ? ` To require MFA when assuming roles from it, set mfa_serial on ${dependents.map((q) => `"${q.name}"`).join(', ')}.`
    : '';
  ctx.add({
    code: 'mfa-serial-unused',
    severity: otherProvider ? 'warning' : 'info',
    message: otherProvider
      ? `The SDKs use mfa_serial only on a profile with role_arn, when calling AssumeRole; profile "${p.name}" gets its credentials another way, so it is ignored.${hint}`
      : `The AWS CLI and SDKs use mfa_serial only on a profile with role_arn, when calling AssumeRole; on "${p.name}" they ignore it (tools such as aws-vault use it here for GetSessionToken).${hint}`,
    range: mfa.keyRange,
    profile: p.name,
    unnecessary: otherProvider,
  });
}

function lintSsoProfile(p: ProfileView, ctx: ProfileContext): void {
  const { add } = ctx;
  const session = p.keys.get('sso_session');
  if (session && session.value && !ctx.ssoSessions.has(session.value)) {
    const suggestion = suggestName(session.value, [...ctx.ssoSessions.keys()]);
    add({
      code: 'missing-sso-session',
      severity: 'error',
      message: `sso_session = ${session.value} refers to an [sso-session ${session.value}] section that the config file does not have.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      range: session.valueRange,
      profile: p.name,
      fix: suggestion ? { title: `Change to ${suggestion}`, edits: [{ range: session.valueRange, newText: suggestion }] } : undefined,
    });
  }
  const sessionSection = session?.value ? ctx.ssoSessions.get(session.value) : undefined;
  if (sessionSection) {
    for (const k of ['sso_start_url', 'sso_region']) {
      const mine = p.keys.get(k);
      const theirs = sessionSection.entries.find((e) => e.key === k);
      if (mine?.value && theirs?.value && mine.value !== theirs.value) {
        add({
          code: 'sso-session-conflict',
          severity: 'error',
          message: `${k} here differs from the one in [sso-session ${sessionSection.name}] (line ${theirs.line + 1}); the AWS CLI stops with an inconsistent-configuration error. Remove it from the profile.`,
          range: mine.valueRange,
          profile: p.name,
        });
      }
    }
  }
  if (!isSso(p)) return;
  const accountId = p.keys.get('sso_account_id');
  const roleName = p.keys.get('sso_role_name');
  if ((accountId && !roleName) || (!accountId && roleName)) {
    const present = (accountId ?? roleName) as IniEntry;
    add({
      code: 'incomplete-sso',
      severity: 'error',
      message: `Profile "${p.name}" has ${present.key} but no ${accountId ? 'sso_role_name' : 'sso_account_id'}; IAM Identity Center credentials need both.`,
      range: present.keyRange,
      profile: p.name,
    });
  }
  if (!has(p, 'sso_session')) {
    for (const k of ['sso_start_url', 'sso_region']) {
      if (has(p, k)) continue;
      const anchor = (p.keys.get('sso_start_url') ?? p.keys.get('sso_account_id') ?? p.keys.get('sso_role_name') ?? p.keys.get('sso_region')) as IniEntry;
      add({
        code: 'incomplete-sso',
        severity: 'error',
        message: `Profile "${p.name}" uses IAM Identity Center without sso_session, so it needs ${k}. Better: move sso_start_url and sso_region into an [sso-session …] section and set sso_session.`,
        range: anchor.keyRange,
        profile: p.name,
      });
    }
  }
}

function lintSsoSession(section: IniSection, add: Add): void {
  const keys = new Set(section.entries.filter((e) => e.value).map((e) => e.key));
  const missing = ['sso_start_url', 'sso_region'].filter((k) => !keys.has(k));
  if (missing.length > 0) {
    add({
      code: 'incomplete-sso',
      severity: 'error',
      message: `[sso-session ${section.name}] needs ${missing.join(' and ')}.`,
      range: section.headerRange,
      profile: section.name,
    });
  }
}

/** Profile names along a source_profile path, without building a long path once per profile on it. */
interface PathView {
  readonly length: number;
  at(k: number): string;
}

function arrayPath(names: readonly string[]): PathView {
  return { length: names.length, at: (k) => names[k] };
}

/** `prefix`, then round the loop `ring` from position `at` back to where it entered. */
function ringPath(prefix: readonly string[], ring: readonly string[], at: number): PathView {
  return { length: prefix.length + ring.length + 1, at: (k) => (k < prefix.length ? prefix[k] : ring[(at + k - prefix.length) % ring.length]) };
}

/** A path of profiles for a message; a long one shows its ends and how many are between. */
function chainWords(path: PathView): string {
  const names = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => path.at(from + k)).join(' → ');
  if (path.length <= 12) return names(0, path.length);
  return `${names(0, 5)} → … ${(path.length - 10).toLocaleString('en-US')} more … → ${names(path.length - 5, path.length)}`;
}

/**
 * Follows source_profile links as the SDKs do: a source profile with static keys ends the chain
 * (its keys win over its own role_arn), and a profile may name itself when it holds static keys.
 */
function lintCycles(
  profiles: ReadonlyMap<string, ProfileView>,
  exists: (n: string) => boolean,
  hasStaticKeys: (n: string) => boolean,
  add: Add,
): void {
  // Profiles whose chain is known to end well, with the static-key profile that ends it (if any):
  // from that profile itself the same chain is a loop for the AWS CLI, so it does not count there.
  const settled = new Map<string, string | undefined>();
  // Loops every SDK rejects (no profile on them has static keys), by the profiles on them: a walk
  // that reaches one goes round the same loop, so it stops there instead of walking it again.
  const rings = new Map<string, { ring: string[]; at: number }>();
  for (const start of profiles.values()) {
    const first = val(start, 'source_profile');
    if (!has(start, 'role_arn') || first === undefined) continue;
    const path = [start.name];
    const onPath = new Set(path);
    let current = start.name;
    // 'all': every SDK fails; 'cli': only botocore (AWS CLI, boto3) fails, because it refuses to
    // revisit a profile even when that profile's static keys would end the chain.
    let cycle: 'all' | 'cli' | undefined;
    let endedAt: string | undefined;
    let view: PathView | undefined;
    const own = rings.get(start.name);
    if (own) {
      cycle = 'all';
      view = ringPath([], own.ring, own.at);
    }
    while (!cycle) {
      const p = profiles.get(current);
      const next = p && has(p, 'role_arn') ? val(p, 'source_profile') : undefined;
      if (next === undefined || !exists(next)) break;
      if (next === current) {
        if (!hasStaticKeys(current)) {
          path.push(next);
          cycle = 'all';
        }
        break;
      }
      if (onPath.has(next)) {
        path.push(next);
        cycle = hasStaticKeys(next) ? 'cli' : 'all';
        break;
      }
      const known = rings.get(next);
      if (known) {
        cycle = 'all';
        view = ringPath(path, known.ring, known.at);
        break;
      }
      if (hasStaticKeys(next)) {
        endedAt = next;
        break;
      }
      if (settled.has(next) && settled.get(next) !== start.name) {
        endedAt = settled.get(next);
        break;
      }
      path.push(next);
      onPath.add(next);
      current = next;
    }
    if (!cycle) {
      for (const n of path) settled.set(n, endedAt);
      continue;
    }
    if (cycle === 'all' && !view) {
      const ring = path.slice(path.indexOf(path[path.length - 1]), -1);
      if (ring.length === 0) ring.push(path[path.length - 1]);
      ring.forEach((n, k) => rings.set(n, { ring, at: k }));
    }
    const shown = view ?? arrayPath(path);
    const e = start.keys.get('source_profile') as IniEntry;
    const self = shown.length === 2 && shown.at(0) === shown.at(1);
    const loopStart = shown.at(shown.length - 1);
    add({
      code: 'source-profile-cycle',
      severity: cycle === 'all' ? 'error' : 'warning',
      message: self
        ? `Profile "${start.name}" is its own source_profile but has no aws_access_key_id and aws_secret_access_key to start from; the SDKs stop with a cycle error.`
        : cycle === 'all'
          ? `source_profile cycle: ${chainWords(shown)}. No profile in the loop has static keys to start from, so the SDKs stop with a cycle error.`
          : `source_profile loop: ${chainWords(shown)}. The JavaScript SDK starts from the static keys of "${loopStart}", but the AWS CLI and boto3 stop with an infinite-loop error. Point source_profile at a profile outside the loop.`,
      range: e.valueRange,
      profile: start.name,
    });
  }
}
