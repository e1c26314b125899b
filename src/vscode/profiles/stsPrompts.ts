/** The questions the STS commands ask for what their callers did not pass: profiles, roles, names, tokens. */
import * as vscode from 'vscode';
import { shortRoleArn, type AwsProfile } from '../../core/profiles/model';
import { profileKindLabel } from './profileText';
import type { SessionTag } from '../../core/sessions/limits';
import { defaultSessionName } from '../../core/sessions/sessionNames';
import { countdown } from '../../core/sessions/session';
import { countdownText, sessionTitle } from './sessionText';
import type { ProfilesStore } from './profilesStore';
import { askText, Cancelled, durationValidator, pick } from './prompts';
import type { SessionStore, SourceRef } from './sessionStore';
import { InvalidRequest, list, localUser, tagsOf } from './stsRequests';

const RECENT_ROLES_KEY = 'stsLens.recentRoles';

export interface AdvancedAssumeRole {
  durationSeconds?: number;
  externalId?: string;
  mfaSerial?: string;
  sourceIdentity?: string;
  policy?: string;
  tags?: SessionTag[];
  transitiveTagKeys?: string[];
  policyArns?: string[];
}

export class StsPrompts {
  constructor(
    private readonly profiles: ProfilesStore,
    private readonly sessions: SessionStore,
    private readonly memento: vscode.Memento,
  ) {}

  /**
   * The named profile, or the one the person picks; `purpose` (the operation) titles the pick and names
   * a failure. `suggest` (the active identity's profile) comes first, marked, so Enter takes it.
   */
  async profile(name: string | undefined, purpose: string, suggest?: string): Promise<AwsProfile> {
    const snap = await this.profiles.ensureLoaded();
    let chosen = name;
    if (!chosen) {
      const all = [...snap.model.profiles.values()];
      const first = all.filter((p) => p.name === suggest);
      const items = [...first, ...all.filter((p) => p.name !== suggest)].map((p) => ({
        label: p.name,
        description: [p.region ?? '', ...(p.name === suggest ? [vscode.l10n.t('active identity')] : [])].filter(Boolean).join(' · '),
        detail: p.roleArn ?? profileKindLabel(p.kind),
      }));
      if (!items.length) throw new InvalidRequest(purpose, [vscode.l10n.t('no profiles were found in {0} or {1}', snap.paths.config, snap.paths.credentials)]);
      chosen = (await pick(items, { title: purpose, placeHolder: vscode.l10n.t('Choose a profile') })).label;
    }
    const p = snap.model.profiles.get(chosen);
    if (!p) throw new InvalidRequest(purpose, [vscode.l10n.t('there is no profile named "{0}" in {1} or {2}', chosen, snap.paths.config, snap.paths.credentials)]);
    return p;
  }

  /** The MFA device for GetSessionToken; empty calls without MFA. */
  async mfaSerial(profile: string): Promise<string | undefined> {
    return (await askText({
      title: vscode.l10n.t('GetSessionToken as {0}', profile),
      prompt: vscode.l10n.t('MFA device ARN for {0} (leave empty to call without MFA)', profile),
      placeHolder: vscode.l10n.t('arn:aws:iam::123456789012:mfa/NAME'),
      optional: true,
      validate: (v) => (/^[\w+=/:,.@-]{9,256}$/.test(v) ? undefined : vscode.l10n.t('An MFA device ARN looks like arn:aws:iam::123456789012:mfa/NAME')),
    })) || undefined;
  }

  /** The role session name, offered as the local user and the time. */
  sessionName(as: string, now: number): Promise<string> {
    return askText({
      title: vscode.l10n.t('{0}: session name', as),
      prompt: vscode.l10n.t('Role session name (2–64 characters: letters, digits, +=,.@_-), shown in CloudTrail'),
      value: defaultSessionName(localUser(), now),
      validate: (v) => (/^[\w+=,.@-]{2,64}$/.test(v) ? undefined : vscode.l10n.t('2–64 characters: letters, digits and +=,.@_-')),
    });
  }

  /** AssumeRole's optional parameters: the person picks which to set, then is asked for each. */
  async advanced(v: AdvancedAssumeRole, maxDuration: number, as: string): Promise<AdvancedAssumeRole> {
    const fields = [
      { label: vscode.l10n.t('Duration'), id: 'duration' }, { label: vscode.l10n.t('MFA device'), id: 'mfa' }, { label: vscode.l10n.t('External ID'), id: 'external' }, { label: vscode.l10n.t('Session tags'), id: 'tags' },
      { label: vscode.l10n.t('Transitive tag keys'), id: 'transitive' }, { label: vscode.l10n.t('Source identity'), id: 'sourceIdentity' }, { label: vscode.l10n.t('Session policy (JSON)'), id: 'policy' }, { label: vscode.l10n.t('Managed session policy ARNs'), id: 'policyArns' },
    ];
    const chosen = await vscode.window.showQuickPick(fields, { title: vscode.l10n.t('{0}: optional parameters', as), placeHolder: vscode.l10n.t('Choose the parameters to set (Enter to continue)'), canPickMany: true, ignoreFocusOut: true });
    if (!chosen) throw new Cancelled();
    const ids = new Set(chosen.map((c) => c.id));
    const out = { ...v };
    const optional = { optional: true } as const;
    if (ids.has('duration')) out.durationSeconds = Number(await askText({ title: vscode.l10n.t('Duration'), prompt: vscode.l10n.t('Seconds, 900–{0}', maxDuration), value: String(Math.min(3600, maxDuration)), validate: durationValidator(900, maxDuration) }));
    if (ids.has('mfa')) out.mfaSerial = (await askText({ title: vscode.l10n.t('MFA device'), prompt: vscode.l10n.t('MFA device ARN (arn:aws:iam::ACCOUNT:mfa/NAME)'), value: v.mfaSerial, ...optional })) || undefined;
    if (ids.has('external')) out.externalId = (await askText({ title: vscode.l10n.t('External ID'), prompt: vscode.l10n.t('External ID the role owner gave you'), value: v.externalId, ...optional })) || undefined;
    if (ids.has('tags')) out.tags = tagsOf(await askText({ title: vscode.l10n.t('Session tags'), prompt: vscode.l10n.t('key=value pairs separated by commas (at most 50)'), placeHolder: vscode.l10n.t('Project=blue, CostCenter=42'), ...optional }), 'AssumeRole');
    if (ids.has('transitive')) out.transitiveTagKeys = list(await askText({ title: vscode.l10n.t('Transitive tag keys'), prompt: vscode.l10n.t('Tag keys that carry over to chained sessions, separated by commas'), ...optional }));
    if (ids.has('sourceIdentity')) out.sourceIdentity = (await askText({ title: vscode.l10n.t('Source identity'), prompt: vscode.l10n.t('Source identity (2–64 characters; it cannot be changed in chained sessions)'), ...optional })) || undefined;
    if (ids.has('policy')) out.policy = (await askText({ title: vscode.l10n.t('Session policy'), prompt: vscode.l10n.t('Inline session policy JSON (at most 2048 characters)'), ...optional })) || undefined;
    if (ids.has('policyArns')) out.policyArns = list(await askText({ title: vscode.l10n.t('Managed session policies'), prompt: vscode.l10n.t('Policy ARNs separated by commas (at most 10)'), ...optional }));
    return out;
  }

  /** A short name for who calls STS: the profile name or the session's title. */
  sourceLabel(source: SourceRef): string {
    if ('profile' in source) return source.profile;
    const r = this.sessions.get(source.sessionId);
    return r ? sessionTitle(r) : vscode.l10n.t('a forgotten session');
  }

  /** Asks who calls; `preselect` (the selected tree item) is offered first, so Enter takes it. */
  async pickSource(title = 'AssumeRole', placeHolder = vscode.l10n.t('Call AssumeRole as… (the source credentials)'), preselect?: SourceRef): Promise<SourceRef> {
    const snap = await this.profiles.ensureLoaded();
    const now = this.sessions.clock.now();
    type Item = vscode.QuickPickItem & { ref?: SourceRef };
    const items: Item[] = [
      { label: vscode.l10n.t('Sessions'), kind: vscode.QuickPickItemKind.Separator },
      ...this.sessions.list().filter((s) => !s.readOnly && (s.expiration === undefined || s.expiration > now)).map((s) => ({ label: `$(key) ${sessionTitle(s)}`, description: [countdownText(countdown(s.expiration, now)), s.profile].filter(Boolean).join(' · '), detail: s.arn, ref: { sessionId: s.id } })),
      { label: vscode.l10n.t('Profiles'), kind: vscode.QuickPickItemKind.Separator },
      ...[...snap.model.profiles.values()].filter((p) => p.kind !== 'regionOnly').map((p) => ({ label: `$(account) ${p.name}`, description: p.roleArn ? shortRoleArn(p.roleArn) : profileKindLabel(p.kind), ref: { profile: p.name } })),
    ];
    const same = (r?: SourceRef) => !!r && !!preselect && ('profile' in r ? 'profile' in preselect && r.profile === preselect.profile : 'sessionId' in preselect && r.sessionId === preselect.sessionId);
    const selected = items.find((i) => same(i.ref));
    const rows = selected ? [{ label: vscode.l10n.t('Selected in the Profiles view'), kind: vscode.QuickPickItemKind.Separator }, selected, ...items.filter((i) => i !== selected)] : items;
    const choice = await pick(rows, { title, placeHolder });
    if (!choice.ref) throw new Cancelled();
    return choice.ref;
  }

  /** A role to assume: recent roles and the profiles' roles first, or one typed in. */
  async roleArn(title = 'AssumeRole'): Promise<string> {
    const snap = await this.profiles.ensureLoaded();
    const fromProfiles = [...snap.model.profiles.values()].map((p) => p.roleArn).filter((a): a is string => !!a);
    const arns = [...new Set([...this.recentRoles(), ...fromProfiles])];
    const enter = vscode.l10n.t('$(edit) Enter a role ARN…');
    const choice = arns.length ? (await pick([{ label: enter }, ...arns.map((a) => ({ label: a }))], { title, placeHolder: vscode.l10n.t('Role to assume (recent roles first)') })).label : enter;
    if (choice !== enter) return choice;
    return askText({ title, prompt: vscode.l10n.t('Role ARN'), placeHolder: vscode.l10n.t('arn:aws:iam::123456789012:role/NAME'), validate: (v) => (/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(v) ? undefined : vscode.l10n.t('A role ARN looks like arn:aws:iam::123456789012:role/NAME')) });
  }

  federatedUserName(profile: string): Promise<string> {
    return askText({
      title: vscode.l10n.t('GetFederationToken as {0}', profile),
      prompt: vscode.l10n.t('Federated user name (2–32 characters)'),
      value: 'sts-lens',
      validate: (v) => (/^[\w+=,.@-]{2,32}$/.test(v) ? undefined : vscode.l10n.t('2–32 characters: letters, digits and +=,.@_-')),
    });
  }

  /** The OIDC token for AssumeRoleWithWebIdentity: a file (which refreshes can read again) or a pasted token (never stored). */
  async webIdentityToken(): Promise<{ token: string } | { tokenFile: string }> {
    const how = await pick([{ label: vscode.l10n.t('Token file…'), id: 'file' }, { label: vscode.l10n.t('Paste a token'), id: 'paste' }], { title: vscode.l10n.t('AssumeRoleWithWebIdentity'), placeHolder: vscode.l10n.t('Where is the OIDC token?') });
    if (how.id === 'file') {
      const uri = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Web identity token file'), canSelectMany: false, openLabel: vscode.l10n.t('Use Token') });
      if (!uri?.[0]) throw new Cancelled();
      return { tokenFile: uri[0].fsPath };
    }
    return { token: await askText({ title: vscode.l10n.t('AssumeRoleWithWebIdentity'), prompt: vscode.l10n.t('Paste the OIDC ID token (JWT); it is not stored'), password: true, validate: (v) => (v.length >= 4 ? undefined : vscode.l10n.t('The token is too short')) }) };
  }

  samlProviderArn(): Promise<string> {
    return askText({ title: vscode.l10n.t('AssumeRoleWithSAML'), prompt: vscode.l10n.t('ARN of the IAM SAML identity provider'), placeHolder: vscode.l10n.t('arn:aws:iam::123456789012:saml-provider/NAME'), validate: (v) => (/^arn:aws[\w-]*:iam::\d{12}:saml-provider\/.+$/.test(v) ? undefined : vscode.l10n.t('arn:aws:iam::ACCOUNT:saml-provider/NAME')) });
  }

  async samlAssertionFile(): Promise<string> {
    const uri = await vscode.window.showOpenDialog({ title: vscode.l10n.t('SAML assertion (base64 SAMLResponse)'), canSelectMany: false, openLabel: vscode.l10n.t('Use Assertion') });
    if (!uri?.[0]) throw new Cancelled();
    return uri[0].fsPath;
  }

  async remember(roleArn: string): Promise<void> {
    const recent = this.recentRoles().filter((r) => r !== roleArn);
    await this.memento.update(RECENT_ROLES_KEY, [roleArn, ...recent].slice(0, 20));
  }

  recentRoles(): string[] {
    return this.memento.get<string[]>(RECENT_ROLES_KEY, []);
  }
}
