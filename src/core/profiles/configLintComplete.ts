/**
 * Completions for AWS config and credentials files: setting keys for the section the cursor is
 * in, and values for settings with a known set (profile names for source_profile, sso-session
 * names, credential sources, enumerations, Regions).
 */

import * as l10n from '@vscode/l10n';
import type { ConfigFileKind } from './configLint';
import { keyDoc } from './configLintDocs';
import { CREDENTIALS_FILE_KEYS, CREDENTIAL_SOURCES, PROFILE_KEYS, S3_NESTED_KEYS, SERVICE_NESTED_KEYS, SSO_SESSION_KEYS } from './configLintKeys';
import { ENUM_VALUES } from './configLintValues';
import { IniSection, TextRange, parseIniWithPositions, range, splitLines } from './iniPositions';

export interface ConfigCompletion {
  readonly label: string;
  readonly kind: 'key' | 'value' | 'profile' | 'section';
  readonly detail?: string;
  readonly documentation?: string;
  /** Text to insert when it differs from the label. */
  readonly insertText?: string;
}

export interface ConfigCompletions {
  readonly items: ConfigCompletion[];
  /** The text the chosen item replaces. */
  readonly range: TextRange;
}

/** Commercial Regions, for `region` and `sso_region` values. */
export const REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1',
  'me-central-1', 'mx-central-1', 'sa-east-1', 'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1',
];

function sectionAt(sections: readonly IniSection[], line: number): IniSection | undefined {
  let found: IniSection | undefined;
  for (const s of sections) if (s.line < line) found = s;
  return found;
}

function keyItems(keys: readonly string[]): ConfigCompletion[] {
  return keys.map((k) => ({ label: k, kind: 'key', documentation: keyDoc(k), insertText: `${k} = ` }));
}

export function completeAt(text: string, kind: ConfigFileKind, line: number, column: number, otherFileProfiles: readonly string[] = []): ConfigCompletions | undefined {
  const lines = splitLines(text);
  const raw = lines[line];
  if (raw === undefined) return undefined;
  const before = raw.slice(0, column);
  const trimmed = before.trimStart();
  if (trimmed.startsWith('#') || trimmed.startsWith(';') || trimmed.startsWith('[')) return undefined;
  const doc = parseIniWithPositions(text);
  const section = sectionAt(doc.sections, line);
  if (!section) return undefined;

  const eq = before.indexOf('=');
  if (eq >= 0) {
    const key = before.slice(0, eq).trim();
    const valueStart = eq + 1 + (before.slice(eq + 1).length - before.slice(eq + 1).trimStart().length);
    const items = valueItems(key, section, doc.sections, kind, otherFileProfiles);
    return items.length ? { items, range: range(line, valueStart, column) } : undefined;
  }

  const wordStart = before.length - trimmed.length;
  const indented = wordStart > 0;
  let keys: readonly string[];
  if (kind === 'credentials') keys = CREDENTIALS_FILE_KEYS;
  else if (section.type === 'sso-session') keys = SSO_SESSION_KEYS;
  else if (section.type === 'services') keys = indented ? SERVICE_NESTED_KEYS : [];
  else if (section.type === 'default' || section.type === 'profile') {
    const parent = [...section.entries].reverse().find((e) => e.line < line && e.keyRange.startColumn < wordStart);
    keys = indented && parent?.key === 's3' && parent.value === '' ? S3_NESTED_KEYS : PROFILE_KEYS;
  } else keys = [];
  const present = new Set(section.entries.filter((e) => e.line !== line).map((e) => e.key));
  const items = keyItems(keys.filter((k) => !present.has(k)));
  return items.length ? { items, range: range(line, wordStart, column) } : undefined;
}

function valueItems(key: string, section: IniSection, sections: readonly IniSection[], kind: ConfigFileKind, otherFileProfiles: readonly string[]): ConfigCompletion[] {
  const own = section.type === 'profile' ? section.name : section.type === 'default' ? 'default' : undefined;
  if (key === 'source_profile') {
    const names = new Set<string>(otherFileProfiles);
    for (const s of sections) {
      if (kind === 'credentials') names.add(s.header.trim());
      else if (s.type === 'default') names.add('default');
      else if (s.type === 'profile' && s.name) names.add(s.name);
    }
    return [...names].filter((n) => n !== own).sort().map((n) => ({ label: n, kind: 'profile', detail: otherFileProfiles.includes(n) ? l10n.t('from the other file') : undefined }));
  }
  if (key === 'sso_session' || key === 'services') {
    const type = key === 'sso_session' ? 'sso-session' : 'services';
    return sections.filter((s) => s.type === type && s.name).map((s) => ({ label: s.name, kind: 'section' }));
  }
  if (key === 'credential_source') return CREDENTIAL_SOURCES.map((v) => ({ label: v, kind: 'value' }));
  if (key === 'region' || key === 'sso_region') return REGIONS.map((v) => ({ label: v, kind: 'value' }));
  if (key === 'duration_seconds') return ['900', '3600', '43200'].map((v) => ({ label: v, kind: 'value', detail: v === '3600' ? l10n.t('at most this when chaining roles') : undefined }));
  const allowed = ENUM_VALUES[key];
  return allowed ? allowed.map((v) => ({ label: v, kind: 'value' })) : [];
}

export interface ConfigReference {
  /** The referenced section's name. */
  readonly name: string;
  readonly target: 'profile' | 'sso-session' | 'services';
  readonly range: TextRange;
}

/** The profile, sso-session or services name a `source_profile`, `sso_session` or `services` value under the cursor refers to. */
export function referenceAt(text: string, line: number, column: number): ConfigReference | undefined {
  for (const section of parseIniWithPositions(text).sections) {
    for (const e of section.entries) {
      if (e.line !== line || !e.value || column < e.valueRange.startColumn || column > e.valueRange.endColumn) continue;
      const target = e.key === 'source_profile' ? 'profile' : e.key === 'sso_session' ? 'sso-session' : e.key === 'services' ? 'services' : undefined;
      return target ? { name: e.value, target, range: e.valueRange } : undefined;
    }
  }
  return undefined;
}

/** Where a section is defined in a file, by what the SDKs call it. */
export function findSection(text: string, kind: ConfigFileKind, name: string, target: ConfigReference['target']): TextRange | undefined {
  const found = parseIniWithPositions(text).sections.find((s) => {
    if (target === 'profile') {
      if (kind === 'credentials') return s.header.trim() === name;
      return (s.type === 'default' && name === 'default') || (s.type === 'profile' && s.name === name);
    }
    return kind === 'config' && s.type === target && s.name === name;
  });
  return found?.headerRange;
}
