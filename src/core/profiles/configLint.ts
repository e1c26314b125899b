/**
 * Lints an AWS shared config or credentials file: syntax the SDKs read differently or not at all,
 * unknown or misspelt settings, malformed values, and profile chains that will fail at run time
 * (cycles, missing source profiles, sessions longer than role chaining allows, MFA settings the
 * SDKs ignore). Pure: takes the text, returns findings.
 *
 * Ranges are 0-based lines and columns with exclusive ends, ready for `vscode.Range`.
 */

import * as l10n from '@vscode/l10n';
import { type Add, type ConfigFileKind, type ConfigFinding, type LintOptions, type ProfileView, type UnwordedFinding, has, profileNameOf, worded } from './configLintModel';
import { lintCycles } from './configLintCycles';
import { lintProfile } from './configLintProfiles';
import { lintHeader } from './configLintHeaders';
import { lintSectionKeys } from './configLintSections';
import { lintSsoSession } from './configLintSso';
import { nameSuggester } from './configLintSuggest';
import { redactMessage } from '../sessions/redact';
import { IniOutline } from './iniOutline';
import { IniEntry, IniSection, parseIniWithPositions, type IniDocument, type IniProblemKind } from './iniPositions';
import { listPerKind, notListedText } from '../notListed';
import { safeMessage } from '../untrustedText';

export type { ConfigFileKind, ConfigFinding, ConfigFindingCode, ConfigFindingSeverity, ConfigFix, ConfigTextEdit, LintOptions, TextRange } from './configLintModel';

/** Names of the profiles a file defines, as the SDKs name them; for `LintOptions.otherFileProfiles`. */
export function profileNamesOf(text: string, kind: ConfigFileKind): string[] {
  const names = new Set<string>();
  // A profile's name is in its header: the settings below are not read.
  for (const s of new IniOutline(text).sections) {
    const n = profileNameOf(s, kind);
    if (n) names.add(n);
  }
  return [...names];
}

/** The parser's problems, as findings. */
function syntaxFindings(doc: IniDocument): (ConfigFinding | UnwordedFinding)[] {
  return doc.problems.map((p) => ({
    code: p.kind,
    // An indented first setting is read normally by the AWS CLI and the SDKs: only a style note.
    severity: p.kind === 'nested-without-parent' ? 'info' : p.kind === 'continuation-line' ? 'warning' : 'error',
    words: () => ({ message: p.words() }),
    range: p.range,
  }));
}

/**
 * The findings in line order, the first `listedPerCode` of each code worded, the last of them saying
 * how many more there are. Messages quote keys and values from the file, which may be credentials:
 * they go to the Problems panel redacted.
 */
export function listed(doc: Pick<IniDocument, 'unlisted'>, findings: (ConfigFinding | UnwordedFinding)[], listedPerCode: number | undefined): ConfigFinding[] {
  findings.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
  // One mistake repeated on every line of a hostile file would otherwise make a finding per line.
  return listPerKind(findings, (f) => f.code, (unworded, more) => {
    const f = worded(unworded);
    const message = redactMessage(safeMessage(f.message));
    return { ...f, message: more > 0 ? `${message} ${notListedText('finding', more)}` : message };
  }, listedPerCode, (code) => doc.unlisted.get(code as IniProblemKind) ?? 0);
}

/**
 * What lintAwsConfig finds in the file's lines and section headers, and only that: the lines the SDKs
 * cannot read at all, for the Profiles view, without the checks of every setting and profile.
 */
export function lintAwsConfigSyntax(text: string, kind: ConfigFileKind): ConfigFinding[] {
  const doc = parseIniWithPositions(text);
  const findings = syntaxFindings(doc);
  const add = (f: ConfigFinding | UnwordedFinding): void => {
    findings.push(f);
  };
  for (const section of doc.sections) lintHeader(section, kind, add);
  return listed(doc, findings, undefined);
}

export function lintAwsConfig(text: string, kind: ConfigFileKind, options: LintOptions = {}): ConfigFinding[] {
  const doc = parseIniWithPositions(text);
  // Findings are worded only once they are known to be listed.
  const findings = syntaxFindings(doc);
  lintSections(doc.sections, kind, options.otherFileProfiles, undefined, (f) => {
    findings.push(f);
  });
  return listed(doc, findings, options.listedPerCode);
}

/** The name a section's findings give as their profile: the profile's, else the sso-session's, services' or other header's. */
export function findingNameOf(section: IniSection, kind: ConfigFileKind): string {
  return profileNameOf(section, kind) ?? section.name;
}

/**
 * The checks of every section, profile and source_profile chain. With `scope`, only the sections whose
 * finding name is in it are checked (and need their settings read): the others count only as names,
 * headers and sections that exist. A scope must hold the sources, sso-sessions and services its
 * profiles name, so that the findings about it are those of the whole file.
 */
export function lintSections(sections: readonly IniSection[], kind: ConfigFileKind, otherFileProfiles: readonly string[] | undefined, scope: ReadonlySet<string> | undefined, add: Add): void {
  const profiles = new Map<string, ProfileView>();
  const ssoSessions = new Map<string, IniSection>();
  const servicesSections = new Map<string, IniSection>();
  const seenHeaders = new Map<string, IniSection>();
  // Every profile name, in the order the profiles first appear.
  const seenProfileSections = new Map<string, IniSection>();
  const wanted = (section: IniSection) => !scope || scope.has(findingNameOf(section, kind));

  for (const section of sections) {
    const checked = wanted(section);
    if (checked) lintHeader(section, kind, add);
    const exact = seenHeaders.get(section.header);
    if (exact && checked) {
      add({
        code: 'duplicate-section',
        severity: 'error',
        words: () => ({ message: l10n.t('[{0}] is already defined on line {1}. The AWS CLI refuses to read a file with a repeated section; other SDKs silently merge the two.', section.header, exact.line + 1) }),
        range: section.headerRange,
        profile: profileNameOf(section, kind),
      });
    }
    seenHeaders.set(section.header, section);
    if (checked) lintSectionKeys(section, kind, add);

    const name = profileNameOf(section, kind);
    if (name !== undefined) {
      const previous = seenProfileSections.get(name);
      if (previous && !exact && checked) {
        add({
          code: 'duplicate-profile',
          severity: 'warning',
          words: () => ({ message: l10n.t('Profile "{0}" is also defined by [{1}] on line {2}; the SDKs disagree on which settings win. Keep one section.', name, previous.header, previous.line + 1) }),
          range: section.headerRange,
          profile: name,
        });
      }
      seenProfileSections.set(name, section);
      if (!checked) continue;
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

  const other = new Set(otherFileProfiles ?? []);
  const exists = (n: string): boolean => seenProfileSections.has(n) || other.has(n);
  const hasStaticKeys = (n: string): boolean => {
    const p = profiles.get(n);
    if (p && has(p, 'aws_access_key_id') && has(p, 'aws_secret_access_key')) return true;
    return kind === 'config' && other.has(n);
  };

  // Indexed on the first missing reference, once for the whole file, not once per reference.
  let profileNames: ((n: string) => string | undefined) | undefined;
  let sessionNames: ((n: string) => string | undefined) | undefined;
  const suggestProfile = (n: string) => (profileNames ??= nameSuggester(seenProfileSections.keys()))(n);
  const suggestSsoSession = (n: string) => (sessionNames ??= nameSuggester(ssoSessions.keys()))(n);
  for (const p of profiles.values()) lintProfile(p, { kind, profiles, exists, hasStaticKeys, ssoSessions, servicesSections, suggestProfile, suggestSsoSession, add });
  for (const s of ssoSessions.values()) if (wanted(s)) lintSsoSession(s, add);
  lintCycles(profiles, exists, hasStaticKeys, add);
}
