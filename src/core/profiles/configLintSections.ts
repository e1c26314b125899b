/**
 * Checks of one section as written: its header, its keys (unknown, misspelt, in the wrong file or
 * section) and the syntax and values of its entries.
 */

import * as l10n from '@vscode/l10n';
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
import type { Add, ConfigFileKind, ConfigFindingCode, ConfigFindingSeverity, ConfigFix } from './configLintModel';
import { andList, profileNameOf } from './configLintModel';
import { looksLikeSecretFragment } from '../sessions/redact';
import { credentialFragmentText, unknownSettingText, type SettingPlace } from './configLintPlaces';
import { suggestKey } from './configLintSuggest';
import { checkDuration, mfaSerialProblem, roleArnProblem, simpleValueProblem } from './configLintValues';
import { IniEntry, IniSection, range } from './iniPositions';

export function lintHeader(section: IniSection, kind: ConfigFileKind, add: Add): void {
  const header = section.header.trim();
  const at = section.nameRange;
  if (header !== 'default' && header.toLowerCase() === 'default') {
    add({
      code: 'malformed-section-header',
      severity: 'warning',
      message: l10n.t("[{0}] is not the default profile: names are case-sensitive. The AWS CLI's parser also copies a [DEFAULT] section's settings into every other profile. Write [default].", header),
      range: section.headerRange,
      fix: { title: { kind: 'changeTo', value: '[default]' }, edits: [{ range: section.headerRange, newText: '[default]' }] },
    });
    return;
  }
  if (header && header !== section.header) {
    add({
      code: 'malformed-section-header',
      severity: 'warning',
      message: l10n.t('Blanks inside the brackets make the SDKs miss this section: write [{0}].', header),
      range: section.headerRange,
      profile: profileNameOf(section, kind),
      fix: { title: { kind: 'changeTo', value: `[${header}]` }, edits: [{ range: section.headerRange, newText: `[${header}]` }] },
    });
  }
  if (kind === 'credentials') {
    if (section.type === 'profile') {
      add({
        code: 'unexpected-profile-prefix',
        severity: 'warning',
        message: l10n.t('The credentials file names profiles without the "profile " prefix: this section defines a profile called "{0}", not "{1}".', header, section.name),
        range: section.headerRange,
        profile: section.name,
        fix: { title: { kind: 'renameTo', value: `[${section.name}]` }, edits: [{ range: section.headerRange, newText: `[${section.name}]` }] },
      });
    } else if (section.type === 'sso-session' || section.type === 'services') {
      add({
        code: 'unknown-section',
        severity: 'warning',
        message: l10n.t('[{0} …] sections belong in the config file; the SDKs ignore them in the credentials file.', section.type),
        range: section.headerRange,
      });
    } else if (/\s/.test(header)) {
      add({
        code: 'invalid-profile-name',
        severity: 'warning',
        message: l10n.t('The profile name "{0}" contains a blank; the AWS SDK for JavaScript skips such sections.', header),
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
      add({ code: 'malformed-section-header', severity: 'error', message: l10n.t('[{0}] needs a name: [{0} NAME].', header), range: section.headerRange });
      return;
    }
    if (prefix && word !== prefix) {
      const fixed = `[${prefix} ${header.slice(word.length).trim()}]`;
      add({
        code: 'malformed-section-header',
        severity: 'warning',
        message: l10n.t('The section prefix is "{0}", in lower case; the SDKs ignore [{1}].', prefix, header),
        range: section.headerRange,
        fix: { title: { kind: 'changeTo', value: fixed }, edits: [{ range: section.headerRange, newText: fixed }] },
      });
      return;
    }
    if (JS_SECTION_NAME.test(header)) {
      add({
        code: 'missing-profile-prefix',
        severity: 'warning',
        message: l10n.t('In the config file a profile other than default is written [profile {0}]; the SDKs ignore [{0}].', header),
        range: section.headerRange,
        profile: header,
        fix: { title: { kind: 'changeTo', value: `[profile ${header}]` }, edits: [{ range: section.headerRange, newText: `[profile ${header}]` }] },
      });
      return;
    }
    add({
      code: 'unknown-section',
      severity: 'warning',
      message: l10n.t('[{0}] is not a profile, sso-session or services section; the SDKs ignore it.', header),
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
      message: l10n.t('Write exactly one space after "{0}": the AWS SDK for JavaScript ignores [{1}].', section.prefix ?? '', header),
      range: section.headerRange,
      profile: section.name,
      fix: { title: { kind: 'changeTo', value: fixed }, edits: [{ range: section.headerRange, newText: fixed }] },
    });
  }
  if (!JS_SECTION_NAME.test(section.name)) {
    add({
      code: 'invalid-profile-name',
      severity: 'warning',
      message: section.quoted
        ? l10n.t('The name "{0}" has characters the AWS SDK for JavaScript does not accept in a section name (letters, digits and - _ @ + . % : / only), so it ignores this section, although the AWS CLI reads the quoted name.', section.name)
        : l10n.t('The name "{0}" has characters the AWS SDK for JavaScript does not accept in a section name (letters, digits and - _ @ + . % : / only), so it ignores this section.', section.name),
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

function unknownKey(e: IniEntry, candidates: readonly string[], place: SettingPlace, profile: string | undefined, add: Add): void {
  if (looksLikeSecretFragment(e.key)) {
    add({ code: 'unknown-key', severity: 'warning', message: credentialFragmentText(place), range: e.keyRange, profile });
    return;
  }
  const suggestion = suggestKey(e.key, candidates);
  add({
    code: 'unknown-key',
    severity: 'warning',
    message: unknownSettingText(place, e.key, suggestion),
    range: e.keyRange,
    profile,
    fix: suggestion ? { title: { kind: 'renameTo', value: suggestion }, edits: [{ range: e.keyRange, newText: suggestion }] } : undefined,
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
        message: l10n.t('"{0}" is already set on line {1} of this section. The AWS CLI refuses to read the file; other SDKs take the last value.', e.key, first.line + 1),
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
        message: l10n.t("The AWS CLI and SDKs do not read source_identity from a profile, so AssumeRole is called without a source identity. Pass it on the call instead (aws sts assume-role --source-identity, or the advanced options of STS Lens's Assume Role)."),
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
        message: l10n.t('Setting names are lower case: the AWS CLI reads "{0}" as "{1}", but the AWS SDK for JavaScript, which STS Lens uses, ignores it.', e.key, lowerKnown),
        range: e.keyRange,
        profile,
        fix: { title: { kind: 'renameTo', value: lowerKnown }, edits: [{ range: e.keyRange, newText: lowerKnown }] },
      });
      continue;
    }
    if (!known.includes(e.key) && !isThirdPartyKey(e.key)) {
      unknownKey(e, suggestionCandidates(section, kind), place, profile, add);
      continue;
    }
    if (kind === 'credentials' && !CREDENTIALS_FILE_KEYS.includes(e.key) && !THIRD_PARTY_KEYS.includes(e.key)) {
      add({
        code: 'credentials-file-setting',
        severity: 'info',
        message: l10n.t('"{0}" belongs in the config file. The AWS CLI documents only credentials (aws_access_key_id, aws_secret_access_key, aws_session_token) in the credentials file, and some tools read nothing else from it.', e.key),
        range: e.keyRange,
        profile,
      });
    }
    if (kind === 'config' && (e.key === 'aws_secret_access_key' || e.key === 'aws_session_token' || e.key === 'aws_security_token')) {
      add({
        code: 'secret-in-config',
        severity: 'warning',
        message: l10n.t('A secret ({0}) is stored in the config file. Keep credentials in the credentials file, or better in a credential_process, SSO or aws-vault, since config files are shared and checked in more often.', e.key),
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
        message: l10n.t('"{0}" does not take indented settings; only {1} do in a profile.', e.key, andList(NESTED_PROFILE_KEYS)),
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
      message: l10n.t('"{0}:" uses ":" where the SDKs expect "=": the AWS CLI accepts it, the AWS SDK for JavaScript and others ignore the line.', e.key),
      range: range(e.line, e.delimiterColumn, e.delimiterColumn + 1),
      profile,
      fix: { title: { kind: 'useEqualsDelimiter' }, edits: [{ range: range(e.line, e.delimiterColumn, e.delimiterColumn + 1), newText: ' =' }] },
    });
  }
  if (e.inlineCommentColumn !== undefined) {
    const commentRange = range(e.line, e.valueRange.endColumn, e.lineEndColumn);
    add({
      code: 'inline-comment',
      severity: 'warning',
      message: l10n.t('The AWS CLI and boto3 read the comment as part of the value of "{0}"; the AWS SDK for JavaScript drops it. Put comments on their own line.', e.key),
      range: range(e.line, e.inlineCommentColumn, e.lineEndColumn),
      profile,
      fix: {
        title: { kind: 'moveCommentToOwnLine' },
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
      message: l10n.t('In a [services {0}] section, "{1}" should be a service identifier followed by indented settings, such as "{1} =" then "  endpoint_url = https://…".', servicesName, e.key),
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
        message: suggestion
          ? l10n.t('"{0}" is not a documented per-service setting (endpoint_url is). Did you mean "{1}"?', n.key, suggestion)
          : l10n.t('"{0}" is not a documented per-service setting (endpoint_url is).', n.key),
        range: n.keyRange,
        profile: servicesName,
        fix: suggestion ? { title: { kind: 'renameTo', value: suggestion }, edits: [{ range: n.keyRange, newText: suggestion }] } : undefined,
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
      message: l10n.t('The quotes are part of the value: the SDKs do not remove them from "{0}".', e.key),
      range: e.valueRange,
      profile,
      fix: { title: { kind: 'removeQuotes' }, edits: [{ range: e.valueRange, newText: v.slice(1, -1) }] },
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
        problem = suggestion
          ? l10n.t('credential_source is "{0}"; the SDKs accept only {1} (case matters). Did you mean {2}?', v, CREDENTIAL_SOURCES.join(', '), suggestion)
          : l10n.t('credential_source is "{0}"; the SDKs accept only {1} (case matters).', v, CREDENTIAL_SOURCES.join(', '));
        if (suggestion) fix = { title: { kind: 'changeTo', value: suggestion }, edits: [{ range: e.valueRange, newText: suggestion }] };
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

