/**
 * "Add Profiles…": `[profile …]` entries for chosen IAM Identity Center roles, named by a template
 * such as `{account_name}-{role_name}`, as `granted sso populate` does. Existing profiles are never
 * changed: a name that is taken is reported and skipped.
 */
import * as l10n from '@vscode/l10n';

export interface RoleChoice {
  readonly accountId: string;
  readonly accountName: string;
  readonly roleName: string;
}

export const DEFAULT_PROFILE_TEMPLATE = '{account_name}-{role_name}';
const FIELDS = ['account_name', 'account_id', 'role_name', 'sso_session'] as const;

/** Problems with a template, in words; empty when it can be used. */
export function templateProblems(template: string): string[] {
  const out: string[] = [];
  const used = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
  // The template's own {fields} go in as values: a translator keeps only {0} and {1}.
  for (const u of used) if (!(FIELDS as readonly string[]).includes(u)) out.push(l10n.t('{0} is not a field; use {1}', `{${u}}`, FIELDS.map((f) => `{${f}}`).join(', ')));
  if (!used.includes('role_name')) out.push(l10n.t('the template must contain {0}, or every role of an account gets the same name', '{role_name}'));
  if (!used.includes('account_name') && !used.includes('account_id')) out.push(l10n.t('the template must contain {0} or {1}, or the same role in two accounts gets the same name', '{account_name}', '{account_id}'));
  return out;
}

/**
 * A profile name the AWS CLI and SDKs read back unchanged: no whitespace, brackets, `#`, `;` or `=`
 * (ini syntax).
 */
export function sanitizeProfileName(name: string): string {
  return name.trim().replace(/[\s[\]#;=]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '');
}

export function profileName(template: string, role: RoleChoice, ssoSession: string): string {
  const values: Record<string, string> = { account_name: role.accountName, account_id: role.accountId, role_name: role.roleName, sso_session: ssoSession };
  return sanitizeProfileName(template.replace(/\{([a-z_]+)\}/g, (all, f: string) => values[f] ?? all));
}

export interface PlannedProfile {
  readonly name: string;
  readonly role: RoleChoice;
  /** Why the entry is not written (name taken, or used twice in this batch). */
  readonly skipped?: string;
}

export interface ProfilePlan {
  readonly entries: readonly PlannedProfile[];
  /** The exact text appended to the config file; empty when nothing is added. */
  readonly text: string;
}

export interface PlanOptions {
  readonly template: string;
  readonly ssoSession: string;
  readonly region: string;
  readonly existing: ReadonlySet<string>;
  /** The config file's text ends without a newline: start with one. */
  readonly needsLeadingNewline?: boolean;
}

/** The entries to add and the text to append, skipping names that exist. */
export function planProfiles(roles: readonly RoleChoice[], o: PlanOptions): ProfilePlan {
  const taken = new Set(o.existing);
  const entries: PlannedProfile[] = [];
  const blocks: string[] = [];
  for (const role of roles) {
    const name = profileName(o.template, role, o.ssoSession);
    if (!name) {
      entries.push({ name, role, skipped: l10n.t('the template gives an empty name') });
      continue;
    }
    if (taken.has(name)) {
      entries.push({ name, role, skipped: o.existing.has(name) ? l10n.t('a profile with this name exists and is left as it is') : l10n.t('another chosen role gets the same name') });
      continue;
    }
    taken.add(name);
    entries.push({ name, role });
    blocks.push(`[profile ${name}]\nsso_session = ${o.ssoSession}\nsso_account_id = ${role.accountId}\nsso_role_name = ${role.roleName}\nregion = ${o.region}\n`);
  }
  const text = blocks.length ? `${o.needsLeadingNewline ? '\n' : ''}\n# Added by STS Lens from IAM Identity Center (sso-session ${o.ssoSession})\n${blocks.join('\n')}` : '';
  return { entries, text };
}
