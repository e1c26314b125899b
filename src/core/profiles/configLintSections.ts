/**
 * Checks of one section as written: its header, its keys (unknown, misspelt, in the wrong file or
 * section) and the syntax and values of its entries.
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
import type { Add, ConfigFileKind, ConfigFindingCode, ConfigFindingSeverity, ConfigFix } from './configLintModel';
import { profileNameOf } from './configLintModel';
import { looksLikeSecretFragment } from '../sessions/redact';
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
      message: `[${header}] is not the default profile: names are case-sensitive. The AWS CLI's parser also copies a [DEFAULT] section's settings into every other profile. Write [default].`,
      range: section.headerRange,
      fix: { title: { kind: 'changeTo', value: '[default]' }, edits: [{ range: section.headerRange, newText: '[default]' }] },
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
      fix: { title: { kind: 'changeTo', value: `[${header}]` }, edits: [{ range: section.headerRange, newText: `[${header}]` }] },
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
        fix: { title: { kind: 'renameTo', value: `[${section.name}]` }, edits: [{ range: section.headerRange, newText: `[${section.name}]` }] },
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
        fix: { title: { kind: 'changeTo', value: fixed }, edits: [{ range: section.headerRange, newText: fixed }] },
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
        fix: { title: { kind: 'changeTo', value: `[profile ${header}]` }, edits: [{ range: section.headerRange, newText: `[profile ${header}]` }] },
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
      fix: { title: { kind: 'changeTo', value: fixed }, edits: [{ range: section.headerRange, newText: fixed }] },
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
    fix: suggestion ? { title: { kind: 'renameTo', value: suggestion }, edits: [{ range: e.keyRange, newText: suggestion }] } : undefined,
  });
}

export function lintSectionKeys(section: IniSection, kind: ConfigFileKind, add: Add): void {
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
        fix: { title: { kind: 'renameTo', value: lowerKnown }, edits: [{ range: e.keyRange, newText: lowerKnown }] },
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
      fix: { title: { kind: 'useEqualsDelimiter' }, edits: [{ range: range(e.line, e.delimiterColumn, e.delimiterColumn + 1), newText: ' =' }] },
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
      message: `The quotes are part of the value: the SDKs do not remove them from "${e.key}".`,
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
        problem = `credential_source is "${v}"; the SDKs accept only ${CREDENTIAL_SOURCES.join(', ')} (case matters).${suggestion ? ` Did you mean ${suggestion}?` : ''}`;
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

