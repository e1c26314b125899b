/**
 * The shapes the AWS config linter works with: findings and their fixes, and one profile as seen in
 * a file. Shared by the checks of headers and keys, profiles, SSO and source_profile chains.
 */
import * as l10n from '@vscode/l10n';
import type { FixTitle } from '../fixTitle';

import type { IniEntry, IniSection } from './iniPositions';
import type { TextRange } from './iniPositions';

export type { TextRange };

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
  readonly title: FixTitle;
  readonly edits: readonly ConfigTextEdit[];
}

/** The quick fix that replaces `range` with `text`, titled "Change to <text>". */
export function changeTo(range: TextRange, text: string): ConfigFix {
  return { title: { kind: 'changeTo', value: text }, edits: [{ range, newText: text }] };
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
  /**
   * Findings of one code listed one by one before the next one says how many more there are
   * (MAX_LISTED_PER_KIND unless set). A check that looks for one profile's findings, whatever the
   * file holds, passes Infinity.
   */
  readonly listedPerCode?: number;
}


/** One profile as seen in this file: its sections merged, the last value of a key winning. */
export interface ProfileView {
  readonly name: string;
  readonly sections: IniSection[];
  readonly keys: Map<string, IniEntry>;
}

/**
 * A finding whose words (its message and fix) are worked out only if it is listed. A hostile file
 * may repeat one mistake a million times, and only the first MAX_LISTED_PER_KIND of a kind are shown:
 * a "did you mean" or a translated sentence for each of the rest would stall the editor for seconds.
 */
export interface UnwordedFinding extends Omit<ConfigFinding, 'message' | 'fix'> {
  readonly words: () => Pick<ConfigFinding, 'message' | 'fix'>;
}

export type Add = (f: ConfigFinding | UnwordedFinding) => void;

/** The finding with its words worked out. */
export function worded(f: ConfigFinding | UnwordedFinding): ConfigFinding {
  if (!('words' in f)) return f;
  const { words, ...rest } = f;
  return { ...rest, ...words() };
}

/** `a and b and c`, with the words of the display language; settings and names stay as they are. */
export function andList(items: readonly string[]): string {
  return items.length === 0 ? '' : items.reduce((list, item) => l10n.t({ message: '{0} and {1}', args: [list, item], comment: ['Joins names in a list, e.g. setting names "sso_account_id and sso_role_name"; {0} may already join several.'] }));
}

export function has(p: ProfileView, key: string): boolean {
  return (p.keys.get(key)?.value ?? '') !== '';
}

export function val(p: ProfileView, key: string): string | undefined {
  const v = p.keys.get(key)?.value;
  return v ? v : undefined;
}

export function isSso(p: ProfileView): boolean {
  return has(p, 'sso_session') || has(p, 'sso_start_url') || has(p, 'sso_account_id') || has(p, 'sso_role_name');
}

/** The profile name a section defines, or undefined for non-profile sections. */
export function profileNameOf(section: IniSection, kind: ConfigFileKind): string | undefined {
  if (kind === 'credentials') return section.header.trim();
  if (section.type === 'default') return 'default';
  if (section.type === 'profile' && section.name) return section.name;
  return undefined;
}

/** What the per-profile checks need to know about the rest of the file. */
export interface ProfileContext {
  readonly kind: ConfigFileKind;
  readonly profiles: ReadonlyMap<string, ProfileView>;
  readonly exists: (name: string) => boolean;
  readonly hasStaticKeys: (name: string) => boolean;
  readonly ssoSessions: ReadonlyMap<string, IniSection>;
  readonly servicesSections: ReadonlyMap<string, IniSection>;
  /** The defined profile a missing `source_profile` probably meant. */
  readonly suggestProfile: (name: string) => string | undefined;
  /** The `[sso-session …]` a missing `sso_session` probably meant. */
  readonly suggestSsoSession: (name: string) => string | undefined;
  readonly add: Add;
}
