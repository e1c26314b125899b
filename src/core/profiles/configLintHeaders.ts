/**
 * Checks of one section's header as written: the prefix, the name, and sections that belong in the
 * other file or that no SDK reads.
 */

import * as l10n from '@vscode/l10n';
import { JS_SECTION_NAME, OTHER_CONFIG_SECTIONS } from './configLintKeys';
import type { Add, ConfigFileKind } from './configLintModel';
import { changeTo, profileNameOf } from './configLintModel';
import type { IniSection } from './iniPositions';

export function lintHeader(section: IniSection, kind: ConfigFileKind, add: Add): void {
  const header = section.header.trim();
  const at = section.nameRange;
  if (header !== 'default' && header.toLowerCase() === 'default') {
    add({
      code: 'malformed-section-header',
      severity: 'warning',
      words: () => ({
        message: l10n.t("[{0}] is not the default profile: names are case-sensitive. The AWS CLI's parser also copies a [DEFAULT] section's settings into every other profile. Write [default].", header),
        fix: changeTo(section.headerRange, '[default]'),
      }),
      range: section.headerRange,
    });
    return;
  }
  if (header && header !== section.header) {
    add({
      code: 'malformed-section-header',
      severity: 'warning',
      words: () => ({
        message: l10n.t('Blanks inside the brackets make the SDKs miss this section: write [{0}].', header),
        fix: changeTo(section.headerRange, `[${header}]`),
      }),
      range: section.headerRange,
      profile: profileNameOf(section, kind),
    });
  }
  if (kind === 'credentials') {
    if (section.type === 'profile') {
      add({
        code: 'unexpected-profile-prefix',
        severity: 'warning',
        words: () => ({
          message: l10n.t('The credentials file names profiles without the "profile " prefix: this section defines a profile called "{0}", not "{1}".', header, section.name),
          fix: { title: { kind: 'renameTo', value: `[${section.name}]` }, edits: [{ range: section.headerRange, newText: `[${section.name}]` }] },
        }),
        range: section.headerRange,
        profile: section.name,
      });
    } else if (section.type === 'sso-session' || section.type === 'services') {
      add({
        code: 'unknown-section',
        severity: 'warning',
        words: () => ({ message: l10n.t('[{0} …] sections belong in the config file; the SDKs ignore them in the credentials file.', section.type) }),
        range: section.headerRange,
      });
    } else if (/\s/.test(header)) {
      add({
        code: 'invalid-profile-name',
        severity: 'warning',
        words: () => ({ message: l10n.t('The profile name "{0}" contains a blank; the AWS SDK for JavaScript skips such sections.', header) }),
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
      add({ code: 'malformed-section-header', severity: 'error', words: () => ({ message: l10n.t('[{0}] needs a name: [{0} NAME].', header) }), range: section.headerRange });
      return;
    }
    if (prefix && word !== prefix) {
      const fixed = `[${prefix} ${header.slice(word.length).trim()}]`;
      add({
        code: 'malformed-section-header',
        severity: 'warning',
        words: () => ({
          message: l10n.t('The section prefix is "{0}", in lower case; the SDKs ignore [{1}].', prefix, header),
          fix: changeTo(section.headerRange, fixed),
        }),
        range: section.headerRange,
      });
      return;
    }
    if (JS_SECTION_NAME.test(header)) {
      add({
        code: 'missing-profile-prefix',
        severity: 'warning',
        words: () => ({
          message: l10n.t('In the config file a profile other than default is written [profile {0}]; the SDKs ignore [{0}].', header),
          // Spelled out: the localisation check reads `value:` and `newText:` as file text, and `profile` here is the header's word, not English.
          fix: { title: { kind: 'changeTo', value: `[profile ${header}]` }, edits: [{ range: section.headerRange, newText: `[profile ${header}]` }] },
        }),
        range: section.headerRange,
        profile: header,
      });
      return;
    }
    add({
      code: 'unknown-section',
      severity: 'warning',
      words: () => ({ message: l10n.t('[{0}] is not a profile, sso-session or services section; the SDKs ignore it.', header) }),
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
      words: () => ({
        message: l10n.t('Write exactly one space after "{0}": the AWS SDK for JavaScript ignores [{1}].', section.prefix ?? '', header),
        fix: changeTo(section.headerRange, fixed),
      }),
      range: section.headerRange,
      profile: section.name,
    });
  }
  if (!JS_SECTION_NAME.test(section.name)) {
    add({
      code: 'invalid-profile-name',
      severity: 'warning',
      words: () => ({
        message: section.quoted
          ? l10n.t('The name "{0}" has characters the AWS SDK for JavaScript does not accept in a section name (letters, digits and - _ @ + . % : / only), so it ignores this section, although the AWS CLI reads the quoted name.', section.name)
          : l10n.t('The name "{0}" has characters the AWS SDK for JavaScript does not accept in a section name (letters, digits and - _ @ + . % : / only), so it ignores this section.', section.name),
      }),
      range: at,
      profile: section.name,
    });
  }
}
