/**
 * Checks of one profile with all its sections merged: static keys, role settings, source profiles,
 * role-chaining durations, MFA settings the SDKs ignore, and more than one way to get credentials.
 */

import * as l10n from '@vscode/l10n';
import { changeTo, ProfileContext, ProfileView, andList, has, isSso, val } from './configLintModel';
import { lintSsoProfile } from './configLintSso';
import { CHAINED_MAX_DURATION_SECONDS, checkDuration } from './configLintValues';
import type { IniEntry } from './iniPositions';

const ROLE_ONLY_SETTINGS = ['external_id', 'role_session_name', 'duration_seconds', 'source_profile'];

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

export function lintProfile(p: ProfileView, ctx: ProfileContext): void {
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
      words: () => ({
        message: l10n.t('Profile "{0}" has {1} but no {2}; static credentials need both.', p.name, present.key, keyId ? 'aws_secret_access_key' : 'aws_access_key_id'),
      }),
      range: present.keyRange,
      profile: p.name,
    });
  }
  const token = entry('aws_session_token') ?? entry('aws_security_token');
  if (keyId && /^ASIA/.test(keyId.value) && !token) {
    add({
      code: 'incomplete-static-keys',
      severity: 'error',
      words: () => ({
        message: l10n.t('Profile "{0}" has a temporary access key (ASIA…) but no aws_session_token; AWS rejects temporary keys without their session token.', p.name),
      }),
      range: keyId.keyRange,
      profile: p.name,
    });
  }
  if (keyId && token && /^AKIA/.test(keyId.value)) {
    add({
      code: 'incomplete-static-keys',
      severity: 'warning',
      words: () => ({
        message: l10n.t('Profile "{0}" pairs a long-term access key (AKIA…) with a session token; session tokens belong to temporary keys (ASIA…), and AWS rejects the mix as an invalid token.', p.name),
      }),
      range: token.keyRange,
      profile: p.name,
    });
  }
  if (token && !keyId && !secret) {
    add({
      code: 'incomplete-static-keys',
      severity: 'error',
      words: () => ({
        message: l10n.t('Profile "{0}" has aws_session_token without the access key and secret it belongs to.', p.name),
      }),
      range: token.keyRange,
      profile: p.name,
    });
  }

  if (roleArn) {
    if (sourceProfile && credentialSource) {
      add({
        code: 'source-conflict',
        severity: 'error',
        words: () => ({
          message: l10n.t('Profile "{0}" sets both source_profile and credential_source; they are mutually exclusive (the AWS CLI stops with an error, the JavaScript SDK does not treat the profile as a role). Keep one.', p.name),
        }),
        range: credentialSource.keyRange,
        profile: p.name,
      });
    } else if (!sourceProfile && !credentialSource && !webIdentity) {
      add({
        code: 'role-without-source',
        severity: 'error',
        words: () => ({
          message: l10n.t('Profile "{0}" has role_arn but nothing to assume it with: add source_profile (a profile with credentials), credential_source (Environment, Ec2InstanceMetadata or EcsContainer) or web_identity_token_file.', p.name),
        }),
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
          words: () => ({
            message: k === 'mfa_serial'
              ? l10n.t('Profile "{0}" gets credentials with AssumeRoleWithWebIdentity, which takes no MFA; {1} is ignored here.', p.name, k)
              : l10n.t('Profile "{0}" gets credentials with AssumeRoleWithWebIdentity, which takes no external ID; {1} is ignored here.', p.name, k),
          }),
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
        words: () => ({
          message: l10n.t('Profile "{0}" has web_identity_token_file but no role_arn; AssumeRoleWithWebIdentity needs the role to assume.', p.name),
        }),
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
        words: () => ({
          message: l10n.t('{0} is used only when assuming a role, and profile "{1}" has no role_arn; the SDKs ignore it.', k, p.name),
        }),
        range: e.keyRange,
        profile: p.name,
        unnecessary: true,
      });
    }
    if (mfa) lintUnusedMfa(p, mfa, ctx);
  }

  if (sourceProfile && !ctx.exists(sourceProfile.value)) {
    add({
      code: 'missing-source-profile',
      severity: 'error',
      words: () => {
        const suggestion = ctx.suggestProfile(sourceProfile.value);
        return {
          message: suggestion
            ? l10n.t('source_profile "{0}" is not defined in the config or credentials file. Did you mean "{1}"?', sourceProfile.value, suggestion)
            : l10n.t('source_profile "{0}" is not defined in the config or credentials file.', sourceProfile.value),
          fix: suggestion ? changeTo(sourceProfile.valueRange, suggestion) : undefined,
        };
      },
      range: sourceProfile.valueRange,
      profile: p.name,
    });
  }

  const sourceView = sourceProfile ? ctx.profiles.get(sourceProfile.value) : undefined;
  if (roleArn && sourceProfile && sourceView && sourceView.name !== p.name && !ctx.hasStaticKeys(sourceView.name) && !canProvideCredentials(sourceView)) {
    add({
      code: 'source-without-credentials',
      severity: 'warning',
      words: () => ({
        message: ctx.kind === 'config'
          ? l10n.t('source_profile "{0}" has no credentials of its own (no keys, role, SSO, credential_process or web identity, and no section in the credentials file), so the AWS CLI and SDKs cannot assume role_arn from it. Tools such as aws-vault keep such keys in their own store.', sourceView.name)
          : l10n.t('source_profile "{0}" has no credentials of its own (no keys, role, SSO, credential_process or web identity), so the AWS CLI and SDKs cannot assume role_arn from it. Tools such as aws-vault keep such keys in their own store.', sourceView.name),
      }),
      range: sourceProfile.valueRange,
      profile: p.name,
    });
  }

  const duration = entry('duration_seconds');
  if (roleArn && sourceProfile && duration) {
    const d = checkDuration(duration.value);
    const source = ctx.profiles.get(sourceProfile.value);
    if (d.ok && d.seconds > CHAINED_MAX_DURATION_SECONDS && source && source.name !== p.name && yieldsRoleSession(source, ctx.hasStaticKeys)) {
      add({
        code: 'chained-duration',
        severity: 'error',
        words: () => ({
          message: has(source, 'role_arn')
            ? l10n.t('Profile "{0}" assumes its role with credentials from "{1}", which are a role it assumes: that is role chaining, which STS caps at {2} seconds (1 hour). duration_seconds = {3} makes AssumeRole fail.', p.name, source.name, CHAINED_MAX_DURATION_SECONDS, d.seconds)
            : l10n.t('Profile "{0}" assumes its role with credentials from "{1}", which are an IAM Identity Center (SSO) role: that is role chaining, which STS caps at {2} seconds (1 hour). duration_seconds = {3} makes AssumeRole fail.', p.name, source.name, CHAINED_MAX_DURATION_SECONDS, d.seconds),
          fix: { title: { kind: 'setDurationSeconds', seconds: CHAINED_MAX_DURATION_SECONDS }, edits: [{ range: duration.valueRange, newText: String(CHAINED_MAX_DURATION_SECONDS) }] },
        }),
        range: duration.valueRange,
        profile: p.name,
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
      words: () => ({
        message: l10n.t('services = {0} refers to a [services {0}] section that the config file does not have.', services.value),
      }),
      range: services.valueRange,
      profile: p.name,
    });
  }
}

type Provider = 'static' | 'webIdentity' | 'process' | 'sso';

function providerWords(provider: Provider): string {
  switch (provider) {
    case 'static':
      return l10n.t('access keys');
    case 'webIdentity':
      return l10n.t('web identity (role_arn with web_identity_token_file)');
    case 'process':
      return 'credential_process';
    case 'sso':
      return l10n.t('IAM Identity Center (SSO) settings');
  }
}

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
  ctx.add({
    code: 'mixed-credentials',
    severity: 'warning',
    words: () => ({ message: mixedCredentialsText(p.name, kinds, js, cli, keysThere) }),
    range: anchor.keyRange,
    profile: p.name,
  });
}

function mixedCredentialsText(name: string, kinds: Provider[], js: Provider, cli: Provider, keysThere: boolean): string {
  const all = andList(kinds.map(providerWords));
  if (js === cli) {
    return keysThere
      ? l10n.t('Profile "{0}" has {1} (its access keys are in the credentials file); the AWS CLI and SDKs use only the {2}. Remove the others.', name, all, providerWords(js))
      : l10n.t('Profile "{0}" has {1}; the AWS CLI and SDKs use only the {2}. Remove the others.', name, all, providerWords(js));
  }
  return keysThere
    ? l10n.t('Profile "{0}" has {1} (its access keys are in the credentials file): the AWS SDK for JavaScript (and STS Lens) uses the {2}, the AWS CLI the {3}, so they can act as different identities. Keep one.', name, all, providerWords(js), providerWords(cli))
    : l10n.t('Profile "{0}" has {1}: the AWS SDK for JavaScript (and STS Lens) uses the {2}, the AWS CLI the {3}, so they can act as different identities. Keep one.', name, all, providerWords(js), providerWords(cli));
}

function lintUnusedMfa(p: ProfileView, mfa: IniEntry, ctx: ProfileContext): void {
  const otherProvider = isSso(p) || has(p, 'credential_process') || has(p, 'web_identity_token_file');
  ctx.add({
    code: 'mfa-serial-unused',
    severity: otherProvider ? 'warning' : 'info',
    // Worded only when listed: the profiles that assume roles from this one are looked for among all of them.
    words: () => ({ message: unusedMfaText(p, ctx, otherProvider) }),
    range: mfa.keyRange,
    profile: p.name,
    unnecessary: otherProvider,
  });
}

function unusedMfaText(p: ProfileView, ctx: ProfileContext, otherProvider: boolean): string {
  const dependents = [...ctx.profiles.values()].filter(
    (q) => q.name !== p.name && has(q, 'role_arn') && val(q, 'source_profile') === p.name && !has(q, 'mfa_serial'),
  );
  const names = dependents.map((q) => `"${q.name}"`).join(', ');
  if (otherProvider) {
    return names
      ? l10n.t('The SDKs use mfa_serial only on a profile with role_arn, when calling AssumeRole; profile "{0}" gets its credentials another way, so it is ignored. To require MFA when assuming roles from it, set mfa_serial on {1}.', p.name, names)
      : l10n.t('The SDKs use mfa_serial only on a profile with role_arn, when calling AssumeRole; profile "{0}" gets its credentials another way, so it is ignored.', p.name);
  }
  return names
    ? l10n.t('The AWS CLI and SDKs use mfa_serial only on a profile with role_arn, when calling AssumeRole; on "{0}" they ignore it (tools such as aws-vault use it here for GetSessionToken). To require MFA when assuming roles from it, set mfa_serial on {1}.', p.name, names)
    : l10n.t('The AWS CLI and SDKs use mfa_serial only on a profile with role_arn, when calling AssumeRole; on "{0}" they ignore it (tools such as aws-vault use it here for GetSessionToken).', p.name);
}

