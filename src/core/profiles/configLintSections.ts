/**
 * Checks of one section's settings as written: their keys (unknown, misspelt, in the wrong file or
 * section) and the syntax and values of its entries.
 */

import * as l10n from '@vscode/l10n';
import {
  CREDENTIALS_FILE_KEYS,
  CREDENTIAL_SOURCES,
  NESTED_PROFILE_KEYS,
  PROFILE_KEYS,
  S3_NESTED_KEYS,
  SERVICE_NESTED_KEYS,
  SSO_SESSION_KEYS,
  THIRD_PARTY_KEYS,
  isThirdPartyKey,
} from './configLintKeys';
import type { Add, ConfigFileKind, ConfigFinding, ConfigFindingCode, ConfigFindingSeverity } from './configLintModel';
import { changeTo, andList, profileNameOf } from './configLintModel';
import { looksLikeSecretFragment } from '../sessions/redact';
import { credentialFragmentText, unknownSettingText, type SettingPlace } from './configLintPlaces';
import { suggestKey } from './configLintSuggest';
import { checkDuration, mfaSerialProblem, roleArnProblem, simpleValueProblem, type Words } from './configLintValues';
import { IniEntry, IniSection, range } from './iniPositions';

// Sets, not lists: a file may hold a million keys, each looked up here.
const CREDENTIALS_CONTEXT: ReadonlySet<string> = new Set([...CREDENTIALS_FILE_KEYS, ...PROFILE_KEYS, ...THIRD_PARTY_KEYS]);
const PROFILE_CONTEXT: ReadonlySet<string> = new Set([...PROFILE_KEYS, ...THIRD_PARTY_KEYS]);
const SSO_SESSION_CONTEXT: ReadonlySet<string> = new Set(SSO_SESSION_KEYS);

function contextKeys(section: IniSection, kind: ConfigFileKind): ReadonlySet<string> | undefined {
  if (kind === 'credentials') return CREDENTIALS_CONTEXT;
  if (section.type === 'default' || section.type === 'profile') return PROFILE_CONTEXT;
  if (section.type === 'sso-session') return SSO_SESSION_CONTEXT;
  return undefined;
}

function suggestionCandidates(section: IniSection, kind: ConfigFileKind): readonly string[] {
  if (kind === 'credentials') return [...CREDENTIALS_FILE_KEYS, ...PROFILE_KEYS];
  if (section.type === 'sso-session') return SSO_SESSION_KEYS;
  return PROFILE_KEYS;
}

function unknownKey(e: IniEntry, candidates: readonly string[], place: SettingPlace, profile: string | undefined, add: Add): void {
  add({
    code: 'unknown-key',
    severity: 'warning',
    range: e.keyRange,
    profile,
    words: () => {
      if (looksLikeSecretFragment(e.key)) return { message: credentialFragmentText(place) };
      const suggestion = suggestKey(e.key, candidates);
      return {
        message: unknownSettingText(place, e.key, suggestion),
        fix: suggestion ? { title: { kind: 'renameTo', value: suggestion }, edits: [{ range: e.keyRange, newText: suggestion }] } : undefined,
      };
    },
  });
}

export function lintSectionKeys(section: IniSection, kind: ConfigFileKind, add: Add): void {
  const profile = profileNameOf(section, kind) ?? (section.type === 'other' ? undefined : section.name);
  const known = contextKeys(section, kind);
  const seen = new Map<string, IniEntry>();
  // Where an unknown key is, as the messages name it.
  const place: SettingPlace = kind === 'credentials' ? 'credentials' : section.type === 'sso-session' ? 'sso-session' : 'profile';

  for (const e of section.entries) {
    const lower = e.key.toLowerCase();
    const first = seen.get(lower);
    if (first) {
      add({
        code: 'duplicate-key',
        severity: 'error',
        words: () => ({ message: l10n.t('"{0}" is already set on line {1} of this section. The AWS CLI refuses to read the file; other SDKs take the last value.', e.key, first.line + 1) }),
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
        words: () => ({ message: l10n.t("The AWS CLI and SDKs do not read source_identity from a profile, so AssumeRole is called without a source identity. Pass it on the call instead (aws sts assume-role --source-identity, or the advanced options of STS Lens's Assume Role).") }),
        range: e.keyRange,
        profile,
        unnecessary: true,
      });
      continue;
    }
    const lowerKnown = lower !== e.key && known.has(lower) ? lower : undefined;
    if (lowerKnown) {
      add({
        code: 'unknown-key',
        severity: 'warning',
        words: () => ({
          message: l10n.t('Setting names are lower case: the AWS CLI reads "{0}" as "{1}", but the AWS SDK for JavaScript, which STS Lens uses, ignores it.', e.key, lowerKnown),
          fix: { title: { kind: 'renameTo', value: lowerKnown }, edits: [{ range: e.keyRange, newText: lowerKnown }] },
        }),
        range: e.keyRange,
        profile,
      });
      continue;
    }
    if (!known.has(e.key) && !isThirdPartyKey(e.key)) {
      unknownKey(e, suggestionCandidates(section, kind), place, profile, add);
      continue;
    }
    if (kind === 'credentials' && !CREDENTIALS_FILE_KEYS.includes(e.key) && !THIRD_PARTY_KEYS.includes(e.key)) {
      add({
        code: 'credentials-file-setting',
        severity: 'info',
        words: () => ({ message: l10n.t('"{0}" belongs in the config file. The AWS CLI documents only credentials (aws_access_key_id, aws_secret_access_key, aws_session_token) in the credentials file, and some tools read nothing else from it.', e.key) }),
        range: e.keyRange,
        profile,
      });
    }
    if (kind === 'config' && (e.key === 'aws_secret_access_key' || e.key === 'aws_session_token' || e.key === 'aws_security_token')) {
      add({
        code: 'secret-in-config',
        severity: 'warning',
        words: () => ({ message: l10n.t('A secret ({0}) is stored in the config file. Keep credentials in the credentials file, or better in a credential_process, SSO or aws-vault, since config files are shared and checked in more often.', e.key) }),
        range: e.keyRange,
        profile,
      });
    }
    lintValue(e, profile, add);
    if (e.key === 's3') {
      for (const n of e.nested) if (!S3_NESTED_KEYS.includes(n.key)) unknownKey(n, S3_NESTED_KEYS, 's3', profile, add);
    }
    if (e.nested.length > 0 && !NESTED_PROFILE_KEYS.includes(e.key)) {
      add({
        code: 'invalid-value',
        severity: 'warning',
        words: () => ({ message: l10n.t('"{0}" does not take indented settings; only {1} do in a profile.', e.key, andList(NESTED_PROFILE_KEYS)) }),
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
      words: () => ({
        message: l10n.t('"{0}:" uses ":" where the SDKs expect "=": the AWS CLI accepts it, the AWS SDK for JavaScript and others ignore the line.', e.key),
        fix: { title: { kind: 'useEqualsDelimiter' }, edits: [{ range: range(e.line, e.delimiterColumn, e.delimiterColumn + 1), newText: ' =' }] },
      }),
      range: range(e.line, e.delimiterColumn, e.delimiterColumn + 1),
      profile,
    });
  }
  if (e.inlineCommentColumn !== undefined) {
    const commentRange = range(e.line, e.valueRange.endColumn, e.lineEndColumn);
    add({
      code: 'inline-comment',
      severity: 'warning',
      words: () => ({
        message: l10n.t('The AWS CLI and boto3 read the comment as part of the value of "{0}"; the AWS SDK for JavaScript drops it. Put comments on their own line.', e.key),
        fix: {
          title: { kind: 'moveCommentToOwnLine' },
          edits: [
            { range: range(e.line, 0, 0), newText: `${' '.repeat(e.keyRange.startColumn)}${e.inlineComment ?? ''}\n` },
            { range: commentRange, newText: '' },
          ],
        },
      }),
      range: range(e.line, e.inlineCommentColumn, e.lineEndColumn),
      profile,
    });
  }
}

function lintServiceEntry(e: IniEntry, servicesName: string, add: Add): void {
  if (e.value !== '' || e.nested.length === 0) {
    add({
      code: 'invalid-value',
      severity: 'warning',
      words: () => ({ message: l10n.t('In a [services {0}] section, "{1}" should be a service identifier followed by indented settings, such as "{1} =" then "  endpoint_url = https://…".', servicesName, e.key) }),
      range: e.keyRange,
      profile: servicesName,
    });
  }
  for (const n of e.nested) {
    if (!SERVICE_NESTED_KEYS.includes(n.key)) {
      add({
        code: 'unknown-key',
        severity: 'info',
        range: n.keyRange,
        profile: servicesName,
        words: () => {
          const suggestion = suggestKey(n.key, SERVICE_NESTED_KEYS);
          return {
            message: suggestion
              ? l10n.t('"{0}" is not a documented per-service setting (endpoint_url is). Did you mean "{1}"?', n.key, suggestion)
              : l10n.t('"{0}" is not a documented per-service setting (endpoint_url is).', n.key),
            fix: suggestion ? { title: { kind: 'renameTo', value: suggestion }, edits: [{ range: n.keyRange, newText: suggestion }] } : undefined,
          };
        },
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
      words: () => ({
        message: l10n.t('The quotes are part of the value: the SDKs do not remove them from "{0}".', e.key),
        fix: { title: { kind: 'removeQuotes' }, edits: [{ range: e.valueRange, newText: v.slice(1, -1) }] },
      }),
      range: e.valueRange,
      profile,
    });
    return;
  }
  let problem: Words | undefined;
  let code: ConfigFindingCode = 'invalid-value';
  let severity: ConfigFindingSeverity = 'warning';
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
        add({ code: 'invalid-credential-source', severity: 'error', words: () => credentialSourceWords(e), range: e.valueRange, profile });
      }
      return;
    case 'role_session_name':
    case 'external_id':
      problem = simpleValueProblem(e.key, v);
      severity = 'error';
      break;
    default:
      problem = simpleValueProblem(e.key, v);
  }
  const words = problem;
  if (words) add({ code, severity, words: () => ({ message: words() }), range: e.valueRange, profile });
}

/** The words of a credential_source the SDKs do not accept, with the closest one they do. */
function credentialSourceWords(e: IniEntry): Pick<ConfigFinding, 'message' | 'fix'> {
  const v = e.value;
  const suggestion = suggestKey(v, CREDENTIAL_SOURCES, true);
  return {
    message: suggestion
      ? l10n.t('credential_source is "{0}"; the SDKs accept only {1} (case matters). Did you mean {2}?', v, CREDENTIAL_SOURCES.join(', '), suggestion)
      : l10n.t('credential_source is "{0}"; the SDKs accept only {1} (case matters).', v, CREDENTIAL_SOURCES.join(', ')),
    fix: suggestion ? changeTo(e.valueRange, suggestion) : undefined,
  };
}
