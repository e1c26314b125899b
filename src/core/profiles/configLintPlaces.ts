import * as l10n from '@vscode/l10n';

/**
 * Where an unknown setting is. Each place has whole sentences of its own, so that a translation can
 * word the place as its grammar needs (a place put into a sentence as a value could not be inflected).
 */
export type SettingPlace = 'credentials' | 'sso-session' | 'profile' | 's3';

/** An unknown setting at `place`, with the setting it probably meant when there is one. */
export function unknownSettingText(place: SettingPlace, key: string, suggestion: string | undefined): string {
  switch (place) {
    case 'credentials':
      return suggestion ? l10n.t('Unknown setting "{0}" in the credentials file. Did you mean "{1}"?', key, suggestion) : l10n.t('Unknown setting "{0}" in the credentials file; the AWS CLI and SDKs ignore it.', key);
    case 'sso-session':
      return suggestion ? l10n.t('Unknown setting "{0}" in an sso-session section. Did you mean "{1}"?', key, suggestion) : l10n.t('Unknown setting "{0}" in an sso-session section; the AWS CLI and SDKs ignore it.', key);
    case 'profile':
      return suggestion ? l10n.t('Unknown setting "{0}" in a profile. Did you mean "{1}"?', key, suggestion) : l10n.t('Unknown setting "{0}" in a profile; the AWS CLI and SDKs ignore it.', key);
    case 's3':
      return suggestion ? l10n.t('Unknown setting "{0}" under s3. Did you mean "{1}"?', key, suggestion) : l10n.t('Unknown setting "{0}" under s3; the AWS CLI and SDKs ignore it.', key);
  }
}

/** A line at `place` that looks like part of a credential wrapped onto a line of its own. */
export function credentialFragmentText(place: SettingPlace): string {
  switch (place) {
    case 'credentials':
      return l10n.t('This line in the credentials file is not a setting: it looks like part of a credential, such as a session token wrapped onto a new line. The AWS CLI and SDKs ignore it; keep each value on one line.');
    case 'sso-session':
      return l10n.t('This line in an sso-session section is not a setting: it looks like part of a credential, such as a session token wrapped onto a new line. The AWS CLI and SDKs ignore it; keep each value on one line.');
    case 'profile':
      return l10n.t('This line in a profile is not a setting: it looks like part of a credential, such as a session token wrapped onto a new line. The AWS CLI and SDKs ignore it; keep each value on one line.');
    case 's3':
      return l10n.t('This line under s3 is not a setting: it looks like part of a credential, such as a session token wrapped onto a new line. The AWS CLI and SDKs ignore it; keep each value on one line.');
  }
}
