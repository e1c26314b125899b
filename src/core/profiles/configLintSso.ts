/** Checks of IAM Identity Center (SSO) settings: profiles that use them and [sso-session] sections. */

import * as l10n from '@vscode/l10n';
import { changeTo, Add, ProfileContext, ProfileView, andList, has, isSso } from './configLintModel';
import type { IniEntry, IniSection } from './iniPositions';

export function lintSsoProfile(p: ProfileView, ctx: ProfileContext): void {
  const { add } = ctx;
  const session = p.keys.get('sso_session');
  if (session && session.value && !ctx.ssoSessions.has(session.value)) {
    add({
      code: 'missing-sso-session',
      severity: 'error',
      words: () => {
        const suggestion = ctx.suggestSsoSession(session.value);
        return {
          message: suggestion
            ? l10n.t('sso_session = {0} refers to an [sso-session {0}] section that the config file does not have. Did you mean "{1}"?', session.value, suggestion)
            : l10n.t('sso_session = {0} refers to an [sso-session {0}] section that the config file does not have.', session.value),
          fix: suggestion ? changeTo(session.valueRange, suggestion) : undefined,
        };
      },
      range: session.valueRange,
      profile: p.name,
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
          words: () => ({
            message: l10n.t('{0} here differs from the one in [sso-session {1}] (line {2}); the AWS CLI stops with an inconsistent-configuration error. Remove it from the profile.', k, sessionSection.name, theirs.line + 1),
          }),
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
      words: () => ({
        message: l10n.t('Profile "{0}" has {1} but no {2}; IAM Identity Center credentials need both.', p.name, present.key, accountId ? 'sso_role_name' : 'sso_account_id'),
      }),
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
        words: () => ({
          message: l10n.t('Profile "{0}" uses IAM Identity Center without sso_session, so it needs {1}. Better: move sso_start_url and sso_region into an [sso-session …] section and set sso_session.', p.name, k),
        }),
        range: anchor.keyRange,
        profile: p.name,
      });
    }
  }
}

export function lintSsoSession(section: IniSection, add: Add): void {
  const keys = new Set(section.entries.filter((e) => e.value).map((e) => e.key));
  const missing = ['sso_start_url', 'sso_region'].filter((k) => !keys.has(k));
  if (missing.length > 0) {
    add({
      code: 'incomplete-sso',
      severity: 'error',
      words: () => ({
        message: l10n.t('[sso-session {0}] needs {1}.', section.name, andList(missing)),
      }),
      range: section.headerRange,
      profile: section.name,
    });
  }
}

/** Profile names along a source_profile path, without building a long path once per profile on it. */
