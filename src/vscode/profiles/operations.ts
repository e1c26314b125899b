import * as os from 'os';
import * as vscode from 'vscode';
import type { TemporaryCredentials } from '../../core/identity';
import { implicitProfileName, resolveImplicitStsEndpoint, resolveStsEndpoint } from '../../core/profiles/endpoint';
import type { EndpointOrigin } from '../../core/profiles/endpointTrust';
import { needsMfa, profileChain, profileKindLabel, shortRoleArn, type AwsProfile } from '../../core/profiles/model';
import {
  defaultSessionName, isAssumedRoleArn, parseTags, validateAssumeRole, validateFederationToken, validateGetSessionToken, validateSaml, validateWebIdentity,
  type AssumeRoleRequest, type SessionTag,
} from '../../core/sessions/limits';
import { countdownText, sessionTitle, type SessionOperation, type SessionRecord } from '../../core/sessions/session';
import { resolveProfileCredentials } from '../../aws/credentials';
import { StsCallError } from '../../aws/errors';
import { getRole } from '../../aws/iam';
import * as sts from '../../aws/sts';
import { readSecretFile } from '../../node/awsFiles';
import type { EndpointGuard } from '../endpointGuard';
import { profileConfigProblems } from './profileCheck';
import { readProfileSettings } from './profileSettings';
import type { ProfilesStore } from './profilesStore';
import { askMfaCode, askText, Cancelled, durationValidator, pick } from './prompts';
import type { RenewResult, RenewSpec, SessionStore, SourceRef } from './sessionStore';

/** A request that breaks an STS limit; the message names the limit. */
export class InvalidRequest extends Error {
  /** `inConfig`: the problem is in the AWS config file, so the fix is there. */
  constructor(readonly operation: string, readonly problems: readonly string[], readonly inConfig = false) {
    super(`${operation} was not sent: ${problems.join('; ')}.`);
    this.name = 'InvalidRequest';
  }
}

type ListOrText = readonly string[] | string | undefined;

export interface AssumeRoleOptions {
  readonly sourceProfile?: string;
  readonly sourceSessionId?: string;
  readonly roleArn?: string;
  readonly sessionName?: string;
  readonly durationSeconds?: number;
  readonly mfaSerial?: string;
  readonly mfaCode?: string;
  readonly externalId?: string;
  readonly tags?: readonly SessionTag[] | string;
  readonly transitiveTagKeys?: ListOrText;
  readonly sourceIdentity?: string;
  readonly policy?: string;
  readonly policyArns?: ListOrText;
  /** Ask for optional parameters (tags, policy, …) too. */
  readonly advanced?: boolean;
  readonly pin?: boolean;
  /** Told what is about to be sent (no secrets), so a denial can be matched to what it left out. */
  readonly onRequest?: (sent: { roleArn: string; sessionName: string; externalId?: string; mfaSerial?: string }) => void;
}

export interface ProfileOptions {
  readonly profile?: string;
  readonly mfaCode?: string;
  readonly durationSeconds?: number;
  readonly mfaSerial?: string;
  readonly pin?: boolean;
  /** Ask for values the profile does not give (the MFA device for GetSessionToken). */
  readonly prompt?: boolean;
}

export interface FederationOptions extends ProfileOptions {
  readonly name?: string;
  readonly policy?: string;
  readonly policyArns?: ListOrText;
  readonly tags?: readonly SessionTag[] | string;
}

export interface WebIdentityOptions {
  readonly roleArn?: string;
  readonly token?: string;
  readonly tokenFile?: string;
  readonly sessionName?: string;
  readonly durationSeconds?: number;
  readonly providerId?: string;
  readonly policy?: string;
  readonly policyArns?: ListOrText;
  /** Profile whose region and endpoint to use. */
  readonly profile?: string;
}

export interface SamlOptions {
  readonly roleArn?: string;
  readonly principalArn?: string;
  readonly assertion?: string;
  readonly assertionFile?: string;
  readonly durationSeconds?: number;
  readonly policy?: string;
  readonly policyArns?: ListOrText;
  readonly profile?: string;
}

const RECENT_ROLES_KEY = 'stsLens.recentRoles';

/** The local user's name, for default role session names that read well in CloudTrail. */
function localUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'sts-lens';
  }
}

function list(v: ListOrText): string[] | undefined {
  if (v === undefined) return undefined;
  const arr = typeof v === 'string' ? v.split(/[\s,]+/) : [...v];
  const out = arr.map((s) => s.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

function tagsOf(v: readonly SessionTag[] | string | undefined, operation: string): SessionTag[] | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return v.length ? [...v] : undefined;
  const parsed = parseTags(v);
  if (typeof parsed === 'string') throw new InvalidRequest(operation, [`session tags: ${parsed}`]);
  return parsed.length ? parsed : undefined;
}

function check(operation: string, problems: string[], inConfig = false): void {
  if (problems.length) throw new InvalidRequest(operation, problems, inConfig);
}

/** Every STS operation STS Lens offers, with prompts for what the caller did not pass. */
export class StsOperations {
  constructor(
    private readonly profiles: ProfilesStore,
    private readonly sessions: SessionStore,
    private readonly memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    private readonly endpoints: EndpointGuard,
  ) {}

  private now(): number {
    return this.sessions.clock.now();
  }

  /** Region, endpoint and timeouts that calls for a profile would use; for display, not yet checked. */
  plannedTarget(profile: AwsProfile | undefined): sts.StsTarget {
    const s = readProfileSettings();
    const fallbackRegion = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined;
    // Without a profile the SDK would read AWS_PROFILE (or [default]) and its endpoint_url: resolve them here, so that the call and the tooltip agree.
    const choice = profile
      ? resolveStsEndpoint(profile, s.stsEndpoint, fallbackRegion)
      : resolveImplicitStsEndpoint(this.profiles.profile(implicitProfileName(process.env)), s.stsEndpoint, process.env);
    const endpointOrigin: EndpointOrigin | undefined = choice.source === 'setting' ? s.stsEndpointOrigin : choice.endpoint ? 'awsConfig' : undefined;
    return { region: choice.region, endpoint: choice.endpoint, endpointOrigin, useGlobalEndpoint: choice.useGlobalEndpoint, timeoutMs: s.timeoutMs };
  }

  /** The target for calls on behalf of a profile, once its endpoint may receive credentials. */
  async target(profile: AwsProfile | undefined, interactive = true): Promise<sts.StsTarget> {
    // Without a profile, the implicit profile's endpoint_url decides: read the files before resolving it.
    if (!profile) await this.profiles.ensureLoaded();
    return this.checked(this.plannedTarget(profile), interactive);
  }

  /** The target for calls with a session's credentials: the region and endpoint it was started with. */
  async sessionTarget(record: SessionRecord, interactive = true): Promise<sts.StsTarget> {
    const base = this.plannedTarget(record.profile ? this.profiles.profile(record.profile) : undefined);
    const target = record.endpoint ? { ...base, region: record.region, endpoint: record.endpoint, endpointOrigin: 'session' as const } : { ...base, region: record.region };
    return this.checked(target, interactive);
  }

  async checked(target: sts.StsTarget, interactive = true, service = 'STS'): Promise<sts.StsTarget> {
    await this.endpoints.check(target.endpoint, target.endpointOrigin, { service, interactive });
    return target;
  }

  private async requireProfile(name: string | undefined, purpose: string): Promise<AwsProfile> {
    const snap = await this.profiles.ensureLoaded();
    let chosen = name;
    if (!chosen) {
      const items = [...snap.model.profiles.values()].map((p) => ({ label: p.name, description: p.region ?? '', detail: p.roleArn ?? p.kind }));
      if (!items.length) throw new InvalidRequest(purpose, [`no profiles were found in ${snap.paths.config} or ${snap.paths.credentials}`]);
      chosen = (await pick(items, { title: purpose, placeHolder: 'Choose a profile' })).label;
    }
    const p = snap.model.profiles.get(chosen);
    if (!p) throw new InvalidRequest(purpose, [`there is no profile named "${chosen}" in ${snap.paths.config} or ${snap.paths.credentials}`]);
    return p;
  }

  private mfaProvider(given: string | undefined, interactive: boolean): (serial: string) => Promise<string> {
    let used = false;
    return async (serial) => {
      if (given && !used) {
        used = true;
        return given;
      }
      if (!interactive) throw new Error(`the session needs an MFA code for ${serial}; refresh it in STS Lens`);
      return askMfaCode(serial);
    };
  }

  /** Credentials of a profile through the SDK's `fromIni`, reusing a live session when there is one. */
  async profileCredentials(profile: AwsProfile, interactive: boolean, mfaCode?: string): Promise<TemporaryCredentials> {
    const live = this.sessions.liveProfileSession(profile.name);
    if (live) return this.sessions.freshCredentials(live.id, interactive);
    return this.resolveProfile(profile, interactive, mfaCode);
  }

  private async resolveProfile(profile: AwsProfile, interactive: boolean, mfaCode?: string): Promise<TemporaryCredentials> {
    const snap = await this.profiles.ensureLoaded();
    return resolveProfileCredentials({
      profile: profile.name,
      configFilepath: snap.paths.config,
      filepath: snap.paths.credentials,
      mfaCodeProvider: this.mfaProvider(mfaCode, interactive),
      target: await this.target(profile, interactive),
      roleArn: profile.roleArn,
      sessionName: defaultSessionName(localUser(), this.now()),
    });
  }

  private async sourceCredentials(source: SourceRef, interactive: boolean): Promise<{ credentials: TemporaryCredentials; target: sts.StsTarget; chained: boolean; label: string }> {
    if ('sessionId' in source) {
      const r = this.sessions.get(source.sessionId);
      if (!r) throw new InvalidRequest('AssumeRole', ['the source session no longer exists']);
      const target = await this.sessionTarget(r, interactive);
      const credentials = await this.sessions.freshCredentials(r.id, interactive);
      return { credentials, target, chained: isAssumedRoleArn(r.arn) || r.operation === 'AssumeRole', label: r.arn ?? r.id };
    }
    const p = await this.requireProfile(source.profile, 'AssumeRole');
    const target = await this.target(p, interactive);
    const credentials = await this.profileCredentials(p, interactive);
    return { credentials, target, chained: p.kind === 'role' || p.kind === 'sso' || p.kind === 'webIdentity', label: p.name };
  }

  private record(o: { operation: SessionOperation; profile?: string; roleArn?: string; arn?: string; sessionName?: string; sourceIdentity?: string; credentials: TemporaryCredentials; target: sts.StsTarget; refreshable: boolean; pinned?: boolean }): SessionRecord {
    return {
      id: this.sessions.newId(),
      operation: o.operation,
      profile: o.profile,
      roleArn: o.roleArn,
      arn: o.arn,
      sessionName: o.sessionName,
      sourceIdentity: o.sourceIdentity,
      accessKeyId: o.credentials.accessKeyId,
      region: o.target.region,
      endpoint: o.target.endpoint,
      expiration: o.credentials.expiration?.getTime(),
      issuedAt: this.now(),
      refreshable: o.refreshable,
      pinned: o.pinned,
    };
  }

  private async remember(roleArn: string): Promise<void> {
    const recent = this.recentRoles().filter((r) => r !== roleArn);
    await this.memento.update(RECENT_ROLES_KEY, [roleArn, ...recent].slice(0, 20));
  }

  recentRoles(): string[] {
    return this.memento.get<string[]>(RECENT_ROLES_KEY, []);
  }

  /** Start Session: the profile's own credentials through the SDK; GetSessionToken for plain keys. */
  async startSession(o: ProfileOptions): Promise<SessionRecord> {
    const p = await this.requireProfile(o.profile, 'Start Session');
    if (p.kind === 'regionOnly') throw new InvalidRequest('Start Session', [`profile "${p.name}" has no credentials (no keys, role_arn, SSO, credential_process or web identity)`]);
    if (p.kind === 'static' && !p.hasSessionToken) return this.getSessionToken({ ...o, profile: p.name });
    await this.checkProfileSettings(p, 'Start Session');
    const target = await this.target(p);
    const credentials = await this.resolveProfile(p, true, o.mfaCode);
    const identity = await sts.getCallerIdentity(target, credentials).catch((e: unknown) => {
      this.log.warn(`GetCallerIdentity after loading ${p.name} failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    });
    const snap = await this.profiles.ensureLoaded();
    const record = this.record({
      operation: 'profile', profile: p.name, roleArn: p.roleArn, arn: identity?.arn, sessionName: p.roleSessionName, credentials, target,
      refreshable: !needsMfa(snap.model, p.name) && !(p.kind === 'static' && p.hasSessionToken), pinned: o.pin,
    });
    return this.sessions.add(record, credentials, { kind: 'profile', profile: p.name });
  }

  /** The config linter's errors for the profile's chain stop the call before STS sees it, in the linter's words. */
  private async checkProfileSettings(p: AwsProfile, operation: string): Promise<void> {
    check(operation, await profileConfigProblems(await this.profiles.ensureLoaded(), p.name), true);
  }

  /** The profile whose long-term user keys a role profile ultimately uses (GetSessionToken and GetFederationToken need user keys). */
  private baseUserProfile(p: AwsProfile): AwsProfile {
    const snap = this.profiles.current;
    if (!snap || p.kind === 'static') return p;
    const base = profileChain(snap.model, p.name).steps[0];
    const bp = base ? snap.model.profiles.get(base.profile) : undefined;
    return bp && bp.kind === 'static' ? bp : p;
  }

  async getSessionToken(o: ProfileOptions): Promise<SessionRecord> {
    const chosen = await this.requireProfile(o.profile, 'GetSessionToken');
    const p = this.baseUserProfile(chosen);
    let mfaSerial = o.mfaSerial ?? p.mfaSerial ?? chosen.mfaSerial;
    if (!mfaSerial && o.prompt) {
      mfaSerial = (await askText({ title: vscode.l10n.t('GetSessionToken as {0}', p.name), prompt: `MFA device ARN for ${p.name} (leave empty to call without MFA)`, placeHolder: 'arn:aws:iam::123456789012:mfa/NAME', optional: true, validate: (v) => (/^[\w+=/:,.@-]{9,256}$/.test(v) ? undefined : 'An MFA device ARN looks like arn:aws:iam::123456789012:mfa/NAME') })) || undefined;
    }
    const durationSeconds = o.durationSeconds ?? readProfileSettings().defaultDurationSeconds;
    check('GetSessionToken', validateGetSessionToken({ durationSeconds, mfaSerial, mfaCode: o.mfaCode ?? (mfaSerial ? '000000' : undefined) }));
    const mfaCode = mfaSerial ? o.mfaCode ?? (await askMfaCode(mfaSerial)) : undefined;
    const target = await this.target(p);
    const source = await this.resolveProfile(p, true);
    const r = await sts.getSessionToken(target, source, { durationSeconds, mfaSerial, mfaCode });
    const identity = await sts.getCallerIdentity(target, r.credentials).catch(() => undefined);
    const record = this.record({ operation: 'GetSessionToken', profile: p.name, arn: identity?.arn, credentials: r.credentials, target, refreshable: !mfaSerial, pinned: o.pin });
    return this.sessions.add(record, r.credentials, { kind: 'GetSessionToken', profile: p.name, request: { durationSeconds, mfaSerial } });
  }

  async assumeRole(o: AssumeRoleOptions): Promise<SessionRecord> {
    let source: SourceRef;
    if (o.sourceSessionId) source = { sessionId: o.sourceSessionId };
    else if (o.sourceProfile) source = { profile: o.sourceProfile };
    else source = await this.pickSource();
    const as = vscode.l10n.t('AssumeRole as {0}', this.sourceLabel(source));
    const roleArn = o.roleArn ?? (await this.pickRoleArn(as));
    const sessionName = o.sessionName ?? (await askText({ title: vscode.l10n.t('{0}: session name', as), prompt: vscode.l10n.t('Role session name (2–64 characters: letters, digits, +=,.@_-), shown in CloudTrail'), value: defaultSessionName(localUser(), this.now()), validate: (v) => (/^[\w+=,.@-]{2,64}$/.test(v) ? undefined : '2–64 characters: letters, digits and +=,.@_-') }));
    const settings = readProfileSettings();
    const snap = await this.profiles.ensureLoaded();
    const sourceProfile = 'profile' in source ? snap.model.profiles.get(source.profile) : undefined;
    const chainedByKind = sourceProfile ? sourceProfile.kind === 'role' || sourceProfile.kind === 'sso' || sourceProfile.kind === 'webIdentity' : undefined;
    let durationSeconds = o.durationSeconds;
    let { externalId, sourceIdentity, policy, mfaSerial } = o;
    let tags = tagsOf(o.tags, 'AssumeRole');
    let transitiveTagKeys = list(o.transitiveTagKeys);
    let policyArns = list(o.policyArns);
    if (o.advanced) {
      ({ durationSeconds, externalId, mfaSerial, sourceIdentity, policy, tags, transitiveTagKeys, policyArns } = await this.askAdvanced({ durationSeconds, externalId, mfaSerial, sourceIdentity, policy, tags, transitiveTagKeys, policyArns }, chainedByKind ? 3600 : 43200, as));
    }
    durationSeconds ??= chainedByKind ? Math.min(3600, settings.defaultDurationSeconds) : settings.defaultDurationSeconds;
    const request: AssumeRoleRequest = { roleArn, sessionName, durationSeconds, mfaSerial, externalId, tags, transitiveTagKeys, sourceIdentity, policy, policyArns };
    o.onRequest?.({ roleArn, sessionName, externalId, mfaSerial });
    check('AssumeRole', validateAssumeRole({ ...request, mfaCode: mfaSerial ? o.mfaCode ?? '000000' : undefined }, { chained: chainedByKind }));
    const src = await this.sourceCredentials(source, true);
    check('AssumeRole', validateAssumeRole({ ...request, mfaCode: mfaSerial ? o.mfaCode ?? '000000' : undefined }, { chained: src.chained, roleMaxSessionSeconds: await this.roleMaxSession(request, src) }));
    const mfaCode = mfaSerial ? o.mfaCode ?? (await askMfaCode(mfaSerial)) : undefined;
    const r = await sts.assumeRole(src.target, src.credentials, { ...request, mfaCode });
    await this.remember(roleArn);
    const record = this.record({ operation: 'AssumeRole', profile: 'profile' in source ? source.profile : this.sessions.get(source.sessionId)?.profile, roleArn, arn: r.arn, sessionName, sourceIdentity: r.sourceIdentity ?? sourceIdentity, credentials: r.credentials, target: src.target, refreshable: !mfaSerial && ('profile' in source ? !needsMfa(snap.model, source.profile) : !!this.sessions.get(source.sessionId)?.refreshable), pinned: o.pin });
    return this.sessions.add(record, r.credentials, { kind: 'AssumeRole', source, request });
  }

  /**
   * The role's MaxSessionDuration, looked up (IAM GetRole) only when a request asks for more than an
   * hour; undefined when the caller may not read the role, and STS then has the last word.
   */
  private async roleMaxSession(req: AssumeRoleRequest, src: { credentials: TemporaryCredentials; target: sts.StsTarget; chained: boolean }): Promise<number | undefined> {
    if (src.chained || (req.durationSeconds ?? 0) <= 3600) return undefined;
    try {
      return (await getRole({ ...src.target, timeoutMs: 3000, maxAttempts: 1 }, src.credentials, req.roleArn)).maxSessionDuration;
    } catch (e) {
      this.log.debug(`GetRole for the maximum session duration was not possible: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private async askAdvanced(v: { durationSeconds?: number; externalId?: string; mfaSerial?: string; sourceIdentity?: string; policy?: string; tags?: SessionTag[]; transitiveTagKeys?: string[]; policyArns?: string[] }, maxDuration: number, as: string) {
    const fields = [
      { label: 'Duration', id: 'duration' }, { label: 'MFA device', id: 'mfa' }, { label: 'External ID', id: 'external' }, { label: 'Session tags', id: 'tags' },
      { label: 'Transitive tag keys', id: 'transitive' }, { label: 'Source identity', id: 'sourceIdentity' }, { label: 'Session policy (JSON)', id: 'policy' }, { label: 'Managed session policy ARNs', id: 'policyArns' },
    ];
    const chosen = await vscode.window.showQuickPick(fields, { title: vscode.l10n.t('{0}: optional parameters', as), placeHolder: 'Choose the parameters to set (Enter to continue)', canPickMany: true, ignoreFocusOut: true });
    if (!chosen) throw new Cancelled();
    const ids = new Set(chosen.map((c) => c.id));
    const out = { ...v };
    const optional = { optional: true } as const;
    if (ids.has('duration')) out.durationSeconds = Number(await askText({ title: 'Duration', prompt: `Seconds, 900–${maxDuration}`, value: String(Math.min(3600, maxDuration)), validate: durationValidator(900, maxDuration) }));
    if (ids.has('mfa')) out.mfaSerial = (await askText({ title: 'MFA device', prompt: 'MFA device ARN (arn:aws:iam::ACCOUNT:mfa/NAME)', value: v.mfaSerial, ...optional })) || undefined;
    if (ids.has('external')) out.externalId = (await askText({ title: 'External ID', prompt: 'External ID the role owner gave you', value: v.externalId, ...optional })) || undefined;
    if (ids.has('tags')) out.tags = tagsOf(await askText({ title: 'Session tags', prompt: 'key=value pairs separated by commas (at most 50)', placeHolder: 'Project=blue, CostCenter=42', ...optional }), 'AssumeRole');
    if (ids.has('transitive')) out.transitiveTagKeys = list(await askText({ title: 'Transitive tag keys', prompt: 'Tag keys that carry over to chained sessions, separated by commas', ...optional }));
    if (ids.has('sourceIdentity')) out.sourceIdentity = (await askText({ title: 'Source identity', prompt: 'Source identity (2–64 characters; it cannot be changed in chained sessions)', ...optional })) || undefined;
    if (ids.has('policy')) out.policy = (await askText({ title: 'Session policy', prompt: 'Inline session policy JSON (at most 2048 characters)', ...optional })) || undefined;
    if (ids.has('policyArns')) out.policyArns = list(await askText({ title: 'Managed session policies', prompt: 'Policy ARNs separated by commas (at most 10)', ...optional }));
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
    const now = this.now();
    type Item = vscode.QuickPickItem & { ref?: SourceRef };
    const items: Item[] = [
      { label: 'Sessions', kind: vscode.QuickPickItemKind.Separator },
      ...this.sessions.list().filter((s) => !s.readOnly && (s.expiration === undefined || s.expiration > now)).map((s) => ({ label: `$(key) ${sessionTitle(s)}`, description: [countdownText(s.expiration, now), s.profile].filter(Boolean).join(' · '), detail: s.arn, ref: { sessionId: s.id } })),
      { label: 'Profiles', kind: vscode.QuickPickItemKind.Separator },
      ...[...snap.model.profiles.values()].filter((p) => p.kind !== 'regionOnly').map((p) => ({ label: `$(account) ${p.name}`, description: p.roleArn ? shortRoleArn(p.roleArn) : profileKindLabel(p.kind), ref: { profile: p.name } })),
    ];
    const same = (r?: SourceRef) => !!r && !!preselect && ('profile' in r ? 'profile' in preselect && r.profile === preselect.profile : 'sessionId' in preselect && r.sessionId === preselect.sessionId);
    const selected = items.find((i) => same(i.ref));
    const rows = selected ? [{ label: vscode.l10n.t('Selected in the Profiles view'), kind: vscode.QuickPickItemKind.Separator }, selected, ...items.filter((i) => i !== selected)] : items;
    const choice = await pick(rows, { title, placeHolder });
    if (!choice.ref) throw new Cancelled();
    return choice.ref;
  }

  private async pickRoleArn(title = 'AssumeRole'): Promise<string> {
    const snap = await this.profiles.ensureLoaded();
    const fromProfiles = [...snap.model.profiles.values()].map((p) => p.roleArn).filter((a): a is string => !!a);
    const arns = [...new Set([...this.recentRoles(), ...fromProfiles])];
    const enter = '$(edit) Enter a role ARN…';
    const choice = arns.length ? (await pick([{ label: enter }, ...arns.map((a) => ({ label: a }))], { title, placeHolder: 'Role to assume (recent roles first)' })).label : enter;
    if (choice !== enter) return choice;
    return askText({ title, prompt: 'Role ARN', placeHolder: 'arn:aws:iam::123456789012:role/NAME', validate: (v) => (/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(v) ? undefined : 'A role ARN looks like arn:aws:iam::123456789012:role/NAME') });
  }

  async getFederationToken(o: FederationOptions): Promise<SessionRecord> {
    const p = this.baseUserProfile(await this.requireProfile(o.profile, 'GetFederationToken'));
    const name = o.name ?? (await askText({ title: vscode.l10n.t('GetFederationToken as {0}', p.name), prompt: 'Federated user name (2–32 characters)', value: 'sts-lens', validate: (v) => (/^[\w+=,.@-]{2,32}$/.test(v) ? undefined : '2–32 characters: letters, digits and +=,.@_-') }));
    const durationSeconds = o.durationSeconds ?? readProfileSettings().defaultDurationSeconds;
    const request = { name, durationSeconds, policy: o.policy, policyArns: list(o.policyArns), tags: tagsOf(o.tags, 'GetFederationToken') };
    check('GetFederationToken', validateFederationToken(request));
    const target = await this.target(p);
    const r = await sts.getFederationToken(target, await this.resolveProfile(p, true), request);
    const record = this.record({ operation: 'GetFederationToken', profile: p.name, arn: r.arn, sessionName: name, credentials: r.credentials, target, refreshable: true, pinned: o.pin });
    return this.sessions.add(record, r.credentials, { kind: 'GetFederationToken', profile: p.name, request });
  }

  async assumeRoleWithWebIdentity(o: WebIdentityOptions): Promise<SessionRecord> {
    const profile = o.profile ? await this.requireProfile(o.profile, 'AssumeRoleWithWebIdentity') : undefined;
    const roleArn = o.roleArn ?? profile?.roleArn ?? (await this.pickRoleArn());
    let tokenFile = o.tokenFile ?? (o.token === undefined ? profile?.webIdentityTokenFile : undefined);
    let token = o.token;
    if (token === undefined && tokenFile === undefined) {
      const how = await pick([{ label: 'Token file…', id: 'file' }, { label: 'Paste a token', id: 'paste' }], { title: 'AssumeRoleWithWebIdentity', placeHolder: 'Where is the OIDC token?' });
      if (how.id === 'file') {
        const uri = await vscode.window.showOpenDialog({ title: 'Web identity token file', canSelectMany: false, openLabel: 'Use Token' });
        if (!uri?.[0]) throw new Cancelled();
        tokenFile = uri[0].fsPath;
      } else {
        token = await askText({ title: 'AssumeRoleWithWebIdentity', prompt: 'Paste the OIDC ID token (JWT); it is not stored', password: true, validate: (v) => (v.length >= 4 ? undefined : 'The token is too short') });
      }
    }
    if (token === undefined && tokenFile) token = await readSecretFile(tokenFile);
    const sessionName = o.sessionName ?? defaultSessionName(localUser(), this.now());
    const request = { roleArn, sessionName, token: token ?? '', providerId: o.providerId, durationSeconds: o.durationSeconds, policy: o.policy, policyArns: list(o.policyArns) };
    check('AssumeRoleWithWebIdentity', validateWebIdentity(request));
    const target = await this.target(profile);
    const r = await sts.assumeRoleWithWebIdentity(target, request);
    await this.remember(roleArn);
    const record = this.record({ operation: 'AssumeRoleWithWebIdentity', profile: profile?.name, roleArn, arn: r.arn, sessionName, sourceIdentity: r.sourceIdentity, credentials: r.credentials, target, refreshable: !!tokenFile });
    const { token: _secret, ...withoutToken } = request;
    return this.sessions.add(record, r.credentials, tokenFile ? { kind: 'AssumeRoleWithWebIdentity', tokenFile, profile: profile?.name, request: withoutToken } : { kind: 'none' });
  }

  async assumeRoleWithSaml(o: SamlOptions): Promise<SessionRecord> {
    const profile = o.profile ? await this.requireProfile(o.profile, 'AssumeRoleWithSAML') : undefined;
    const roleArn = o.roleArn ?? (await this.pickRoleArn());
    const principalArn = o.principalArn ?? (await askText({ title: 'AssumeRoleWithSAML', prompt: 'ARN of the IAM SAML identity provider', placeHolder: 'arn:aws:iam::123456789012:saml-provider/NAME', validate: (v) => (/^arn:aws[\w-]*:iam::\d{12}:saml-provider\/.+$/.test(v) ? undefined : 'arn:aws:iam::ACCOUNT:saml-provider/NAME') }));
    let assertion = o.assertion;
    if (assertion === undefined) {
      let file = o.assertionFile;
      if (!file) {
        const uri = await vscode.window.showOpenDialog({ title: 'SAML assertion (base64 SAMLResponse)', canSelectMany: false, openLabel: 'Use Assertion' });
        if (!uri?.[0]) throw new Cancelled();
        file = uri[0].fsPath;
      }
      assertion = await readSecretFile(file);
    }
    const request = { roleArn, principalArn, assertion, durationSeconds: o.durationSeconds, policy: o.policy, policyArns: list(o.policyArns) };
    check('AssumeRoleWithSAML', validateSaml(request));
    const target = await this.target(profile);
    const r = await sts.assumeRoleWithSaml(target, request);
    await this.remember(roleArn);
    const record = this.record({ operation: 'AssumeRoleWithSAML', profile: profile?.name, roleArn, arn: r.arn, credentials: r.credentials, target, refreshable: false });
    return this.sessions.add(record, r.credentials, { kind: 'none' });
  }

  async callerIdentity(o: { profile?: string; sessionId?: string }): Promise<sts.CallerIdentity> {
    if (o.sessionId) {
      const r = this.sessions.get(o.sessionId);
      if (!r) throw new InvalidRequest('GetCallerIdentity', ['the session no longer exists']);
      return sts.getCallerIdentity(await this.sessionTarget(r), await this.sessions.freshCredentials(r.id, true));
    }
    const p = await this.requireProfile(o.profile, 'GetCallerIdentity');
    return sts.getCallerIdentity(await this.target(p), await this.profileCredentials(p, true));
  }

  /** Renews sessions of IAM Identity Center roles (set by that feature). */
  ssoRenewer: ((spec: Extract<RenewSpec, { kind: 'ssoRole' }>, interactive: boolean) => Promise<RenewResult>) | undefined;

  /** Renews a session from its spec; used by refresh, the credential server and pinned sessions. */
  readonly renew = async (spec: RenewSpec, record: SessionRecord, interactive: boolean): Promise<RenewResult> => {
    switch (spec.kind) {
      case 'profile': {
        const p = await this.requireProfile(spec.profile, 'Refresh');
        const credentials = await this.resolveProfile(p, interactive);
        return { credentials };
      }
      case 'AssumeRole': {
        const src = await this.sourceCredentials(spec.source, interactive);
        let mfaCode: string | undefined;
        if (spec.request.mfaSerial) {
          if (!interactive) throw new Error(`the session needs an MFA code for ${spec.request.mfaSerial}; refresh it in STS Lens`);
          mfaCode = await askMfaCode(spec.request.mfaSerial);
        }
        const r = await sts.assumeRole(src.target, src.credentials, { ...spec.request, mfaCode });
        return { credentials: r.credentials, arn: r.arn, sourceIdentity: r.sourceIdentity };
      }
      case 'GetSessionToken': {
        const p = await this.requireProfile(spec.profile, 'Refresh');
        let mfaCode: string | undefined;
        if (spec.request.mfaSerial) {
          if (!interactive) throw new Error(`the session needs an MFA code for ${spec.request.mfaSerial}; refresh it in STS Lens`);
          mfaCode = await askMfaCode(spec.request.mfaSerial);
        }
        const r = await sts.getSessionToken(await this.target(p, interactive), await this.resolveProfile(p, interactive), { ...spec.request, mfaCode });
        return { credentials: r.credentials };
      }
      case 'GetFederationToken': {
        const p = await this.requireProfile(spec.profile, 'Refresh');
        const r = await sts.getFederationToken(await this.target(p, interactive), await this.resolveProfile(p, interactive), spec.request);
        return { credentials: r.credentials, arn: r.arn };
      }
      case 'AssumeRoleWithWebIdentity': {
        const token = await readSecretFile(spec.tokenFile);
        const r = await sts.assumeRoleWithWebIdentity(await this.sessionTarget(record, interactive), { ...spec.request, token });
        return { credentials: r.credentials, arn: r.arn, sourceIdentity: r.sourceIdentity };
      }
      case 'ssoRole':
        if (!this.ssoRenewer) throw new StsCallError({ operation: 'Refresh', message: 'IAM Identity Center is not available' });
        return this.ssoRenewer(spec, interactive);
      case 'none':
        throw new StsCallError({ operation: 'Refresh', message: 'this session was created from a pasted token or SAML assertion and cannot be renewed; start a new one' });
    }
  };
}
