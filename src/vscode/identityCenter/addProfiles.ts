/**
 * Add Profiles…: `[profile …]` entries for chosen roles, appended to the AWS config after the
 * person has seen exactly what will be added. Existing profiles are never changed.
 */
import * as vscode from 'vscode';
import { DEFAULT_PROFILE_TEMPLATE, planProfiles, templateProblems, type RoleChoice } from '../../core/sso/profileEntries';
import { appendToAwsFile, readAwsFile } from '../../node/awsFiles';
import type { ProfilesParts } from '../profiles/register';
import { Cancelled } from '../profiles/prompts';
import type { Directory } from './directory';
import type { SignInEntry } from './signIns';
import { askModal, showInfo } from '../output';
import { settingValue } from '../settings';

export interface AddProfilesOptions {
  /** Roles to add (programmatic callers); otherwise the person picks. */
  readonly roles?: readonly { accountId: string; roleName: string }[];
  readonly template?: string;
  /** Programmatic callers that showed the text themselves. */
  readonly confirmed?: boolean;
  /** Preselected account (from an account or role node). */
  readonly accountId?: string;
  readonly roleName?: string;
}

export async function addProfiles(parts: ProfilesParts, directory: Directory, e: SignInEntry, o: AddProfilesOptions): Promise<{ added: string[]; skipped: string[] } | undefined> {
  if (!e.key.sessionName) throw new Error(vscode.l10n.t('{0} is a legacy sso_start_url sign-in; add an [sso-session] section for it first, then add profiles from that session', e.label));
  const accounts = await directory.accounts(e);
  const scope = o.accountId ? accounts.filter((a) => a.accountId === o.accountId) : accounts;
  let roles: RoleChoice[];
  if (o.roles) {
    roles = o.roles.map((r) => ({ accountId: r.accountId, roleName: r.roleName, accountName: accounts.find((a) => a.accountId === r.accountId)?.accountName ?? r.accountId }));
  } else {
    const all: (vscode.QuickPickItem & { role: RoleChoice })[] = [];
    for (const a of scope) for (const roleName of await directory.accountRoles(e, a.accountId)) all.push({ label: roleName, description: `${a.accountName} (${a.accountId})`, picked: roleName === o.roleName, role: { accountId: a.accountId, accountName: a.accountName, roleName } });
    const chosen = await vscode.window.showQuickPick(all, { title: vscode.l10n.t('Add Profiles from {0}', e.label), placeHolder: vscode.l10n.t('Choose the roles to add as profiles'), canPickMany: true, matchOnDescription: true });
    if (!chosen?.length) throw new Cancelled();
    roles = chosen.map((c) => c.role);
  }
  const configured = settingValue('stsLens.sso', 'profileNameTemplate', DEFAULT_PROFILE_TEMPLATE) || DEFAULT_PROFILE_TEMPLATE;
  const template = o.template ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('Add Profiles from {0}', e.label), prompt: vscode.l10n.t('Profile name template: {0}', '{account_name}, {account_id}, {role_name}, {sso_session}'), value: configured, validateInput: (v) => templateProblems(v)[0] }));
  if (template === undefined) throw new Cancelled();
  const problems = templateProblems(template);
  if (problems.length) throw new Error(vscode.l10n.t('the profile name template cannot be used: {0}', problems.join('; ')));
  const snap = await parts.store.reload();
  // The text alone: the profiles were just parsed by the reload.
  const configText = (await readAwsFile(snap.paths.config)).text ?? '';
  const plan = planProfiles(roles, { template, ssoSession: e.key.sessionName, region: e.key.region, existing: new Set(snap.model.profiles.keys()), needsLeadingNewline: configText.length > 0 && !configText.endsWith('\n') });
  const skipped = plan.entries.filter((x) => x.skipped).map((x) => `${x.name}: ${x.skipped}`);
  if (!plan.text) {
    void showInfo(vscode.l10n.t('No profiles were added: {0}.', skipped.join('; ')));
    return { added: [], skipped };
  }
  const added = plan.entries.filter((x) => !x.skipped).map((x) => x.name);
  if (!o.confirmed) {
    const detail = `${plan.text.trim()}${skipped.length ? `\n\n${vscode.l10n.t('Not added:')}\n${skipped.join('\n')}` : ''}\n\n${vscode.l10n.t('Nothing else in the file changes.')}`;
    const add = vscode.l10n.t('Add Profiles');
    const ok = await askModal(added.length > 1 ? vscode.l10n.t('Add {0} profiles to {1}?', added.length, snap.paths.config) : vscode.l10n.t('Add {0} profile to {1}?', added.length, snap.paths.config), detail, add);
    if (ok !== add) throw new Cancelled();
  }
  await appendToAwsFile(snap.paths.config, plan.text);
  await parts.store.reload();
  void showInfo(vscode.l10n.t('Added {0} to {1}.', added.join(', '), snap.paths.config), vscode.l10n.t('Open AWS Config')).then((c) => {
    if (c) void vscode.commands.executeCommand('stsLens.openConfig', added[0]);
  });
  return { added, skipped };
}
