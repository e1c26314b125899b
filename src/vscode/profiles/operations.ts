import * as vscode from 'vscode';
import type { TemporaryCredentials } from '../../core/identity';
import { implicitProfileName, resolveImplicitStsEndpoint, resolveStsEndpoint } from '../../core/profiles/endpoint';
import type { EndpointOrigin } from '../../core/profiles/endpointTrust';
import { chainBase, needsMfa, profileChain, type AwsProfile } from '../../core/profiles/model';
import { validateAssumeRole, validateFederationToken, validateGetSessionToken, validateSaml, validateWebIdentity, type AssumeRoleRequest } from '../../core/sessions/limits';
import { defaultSessionName, isAssumedRoleArn } from '../../core/sessions/sessionNames';
import type { SessionOperation, SessionRecord } from '../../core/sessions/session';
import type * as StsTypes from '../../aws/sts';
import { credentials as awsCredentials, errors, iam, sts } from '../awsModules';
import { readSecretFile } from '../../node/awsFiles';
import { localCredentialSteps } from '../../node/credentialSteps';
import { CredentialProgress } from './credentialProgress';
import type { EndpointGuard } from '../endpointGuard';
import { profileConfigProblems } from './profileCheck';
import { readProfileSettings } from './profileSettings';
import type { ProfilesStore } from './profilesStore';
import { askMfaCode } from './prompts';
import type { RenewResult, RenewSpec, SessionStore, SourceRef } from './sessionStore';
import { StsPrompts } from './stsPrompts';
import { check, InvalidRequest, list, localUser, tagsOf, type AssumeRoleOptions, type FederationOptions, type ProfileOptions, type SamlOptions, type WebIdentityOptions } from './stsRequests';

/** Every STS operation STS Lens offers; what the caller did not pass, `prompts` asks for. */
export class StsOperations {
  readonly prompts: StsPrompts;
  /** The progress of getting a profile's credentials, shown when it is slow, with Cancel. */
  readonly credentialProgress = new CredentialProgress();

  constructor(
    private readonly profiles: ProfilesStore,
    private readonly sessions: SessionStore,
    memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    private readonly endpoints: EndpointGuard,
  ) {
    this.prompts = new StsPrompts(profiles, sessions, memento);
  }

  private now(): number {
    return this.sessions.clock.now();
  }

  /** Region, endpoint and timeouts that calls for a profile would use; for display, not yet checked. */
  plannedTarget(profile: AwsProfile | undefined): StsTypes.StsTarget {
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
  async target(profile: AwsProfile | undefined, interactive = true): Promise<StsTypes.StsTarget> {
    // Without a profile, the implicit profile's endpoint_url decides: read the files before resolving it.
    if (!profile) await this.profiles.ensureLoaded();
    return this.checked(this.plannedTarget(profile), interactive);
  }

  /** The target for calls with a session's credentials: the region and endpoint it was started with. */
  async sessionTarget(record: SessionRecord, interactive = true): Promise<StsTypes.StsTarget> {
    const base = this.plannedTarget(record.profile ? this.profiles.profile(record.profile) : undefined);
    const target = record.endpoint ? { ...base, region: record.region, endpoint: record.endpoint, endpointOrigin: 'session' as const } : { ...base, region: record.region };
    return this.checked(target, interactive);
  }

  async checked(target: StsTypes.StsTarget, interactive = true, service = 'STS'): Promise<StsTypes.StsTarget> {
    await this.endpoints.check(target.endpoint, target.endpointOrigin, { service, interactive });
    return target;
  }

  private mfaProvider(given: string | undefined, interactive: boolean): (serial: string) => Promise<string> {
    let used = false;
    return async (serial) => {
      if (given && !used) {
        used = true;
        return given;
      }
      if (!interactive) throw new Error(vscode.l10n.t('the session needs an MFA code for {0}; refresh it in STS Lens', serial));
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
    const target = await this.target(profile, interactive);
    return this.credentialProgress.run(profile.name, (signal) =>
      awsCredentials.resolveProfileCredentials({
        profile: profile.name,
        configFilepath: snap.paths.config,
        filepath: snap.paths.credentials,
        mfaCodeProvider: this.mfaProvider(mfaCode, interactive),
        local: localCredentialSteps(async () => snap.model),
        signal,
        target,
        roleArn: profile.roleArn,
        sessionName: defaultSessionName(localUser(), this.now()),
      }));
  }

  private async sourceCredentials(source: SourceRef, interactive: boolean): Promise<{ credentials: TemporaryCredentials; target: StsTypes.StsTarget; chained: boolean; label: string }> {
    if ('sessionId' in source) {
      const r = this.sessions.get(source.sessionId);
      if (!r) throw new InvalidRequest('AssumeRole', [vscode.l10n.t('the source session no longer exists')]);
      const target = await this.sessionTarget(r, interactive);
      const credentials = await this.sessions.freshCredentials(r.id, interactive);
      return { credentials, target, chained: isAssumedRoleArn(r.arn) || r.operation === 'AssumeRole', label: r.arn ?? r.id };
    }
    const p = await this.prompts.profile(source.profile, 'AssumeRole');
    const target = await this.target(p, interactive);
    const credentials = await this.profileCredentials(p, interactive);
    return { credentials, target, chained: p.kind === 'role' || p.kind === 'sso' || p.kind === 'webIdentity', label: p.name };
  }

  private record(o: { operation: SessionOperation; profile?: string; roleArn?: string; arn?: string; sessionName?: string; sourceIdentity?: string; credentials: TemporaryCredentials; target: StsTypes.StsTarget; refreshable: boolean; pinned?: boolean }): SessionRecord {
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

  recentRoles(): string[] {
    return this.prompts.recentRoles();
  }

  sourceLabel(source: SourceRef): string {
    return this.prompts.sourceLabel(source);
  }

  pickSource(title?: string, placeHolder?: string, preselect?: SourceRef): Promise<SourceRef> {
    return this.prompts.pickSource(title, placeHolder, preselect);
  }

  /** Start Session: the profile's own credentials through the SDK; GetSessionToken for plain keys. */
  async startSession(o: ProfileOptions): Promise<SessionRecord> {
    const p = await this.prompts.profile(o.profile, vscode.l10n.t('Start Session'), o.suggest);
    if (p.kind === 'regionOnly') throw new InvalidRequest(vscode.l10n.t('Start Session'), [vscode.l10n.t('profile "{0}" has no credentials (no keys, role_arn, SSO, credential_process or web identity)', p.name)]);
    if (p.kind === 'static' && !p.hasSessionToken) return this.getSessionToken({ ...o, profile: p.name });
    await this.checkProfileSettings(p, vscode.l10n.t('Start Session'));
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
    check(operation, await profileConfigProblems(await this.profiles.ensureLoaded(), p.name, this.profiles.configChecks), true);
  }

  /** The profile whose long-term user keys a role profile ultimately uses (GetSessionToken and GetFederationToken need user keys). */
  private baseUserProfile(p: AwsProfile): AwsProfile {
    const snap = this.profiles.current;
    if (!snap || p.kind === 'static') return p;
    const base = chainBase(profileChain(snap.model, p.name));
    const bp = base ? snap.model.profiles.get(base.profile) : undefined;
    return bp && bp.kind === 'static' ? bp : p;
  }

  async getSessionToken(o: ProfileOptions): Promise<SessionRecord> {
    const chosen = await this.prompts.profile(o.profile, 'GetSessionToken');
    const p = this.baseUserProfile(chosen);
    let mfaSerial = o.mfaSerial ?? p.mfaSerial ?? chosen.mfaSerial;
    if (!mfaSerial && o.prompt) mfaSerial = await this.prompts.mfaSerial(p.name);
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
    else source = await this.prompts.pickSource();
    const as = vscode.l10n.t('AssumeRole as {0}', this.prompts.sourceLabel(source));
    const roleArn = o.roleArn ?? (await this.prompts.roleArn(as));
    const sessionName = o.sessionName ?? (await this.prompts.sessionName(as, this.now()));
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
      ({ durationSeconds, externalId, mfaSerial, sourceIdentity, policy, tags, transitiveTagKeys, policyArns } = await this.prompts.advanced({ durationSeconds, externalId, mfaSerial, sourceIdentity, policy, tags, transitiveTagKeys, policyArns }, chainedByKind ? 3600 : 43200, as));
    }
    durationSeconds ??= chainedByKind ? Math.min(3600, settings.defaultDurationSeconds) : settings.defaultDurationSeconds;
    const request: AssumeRoleRequest = { roleArn, sessionName, durationSeconds, mfaSerial, externalId, tags, transitiveTagKeys, sourceIdentity, policy, policyArns };
    o.onRequest?.({ roleArn, sessionName, externalId, mfaSerial });
    check('AssumeRole', validateAssumeRole({ ...request, mfaCode: mfaSerial ? o.mfaCode ?? '000000' : undefined }, { chained: chainedByKind }));
    const src = await this.sourceCredentials(source, true);
    check('AssumeRole', validateAssumeRole({ ...request, mfaCode: mfaSerial ? o.mfaCode ?? '000000' : undefined }, { chained: src.chained, roleMaxSessionSeconds: await this.roleMaxSession(request, src) }));
    const mfaCode = mfaSerial ? o.mfaCode ?? (await askMfaCode(mfaSerial)) : undefined;
    const r = await sts.assumeRole(src.target, src.credentials, { ...request, mfaCode });
    await this.prompts.remember(roleArn);
    const record = this.record({ operation: 'AssumeRole', profile: 'profile' in source ? source.profile : this.sessions.get(source.sessionId)?.profile, roleArn, arn: r.arn, sessionName, sourceIdentity: r.sourceIdentity ?? sourceIdentity, credentials: r.credentials, target: src.target, refreshable: !mfaSerial && ('profile' in source ? !needsMfa(snap.model, source.profile) : !!this.sessions.get(source.sessionId)?.refreshable), pinned: o.pin });
    return this.sessions.add(record, r.credentials, { kind: 'AssumeRole', source, request });
  }

  /**
   * The role's MaxSessionDuration, looked up (IAM GetRole) only when a request asks for more than an
   * hour; undefined when the caller may not read the role, and STS then has the last word.
   */
  private async roleMaxSession(req: AssumeRoleRequest, src: { credentials: TemporaryCredentials; target: StsTypes.StsTarget; chained: boolean }): Promise<number | undefined> {
    if (src.chained || (req.durationSeconds ?? 0) <= 3600) return undefined;
    try {
      return (await iam.getRole({ ...src.target, timeoutMs: 3000, maxAttempts: 1 }, src.credentials, req.roleArn)).maxSessionDuration;
    } catch (e) {
      this.log.debug(`GetRole for the maximum session duration was not possible: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  async getFederationToken(o: FederationOptions): Promise<SessionRecord> {
    const p = this.baseUserProfile(await this.prompts.profile(o.profile, 'GetFederationToken'));
    const name = o.name ?? (await this.prompts.federatedUserName(p.name));
    const durationSeconds = o.durationSeconds ?? readProfileSettings().defaultDurationSeconds;
    const request = { name, durationSeconds, policy: o.policy, policyArns: list(o.policyArns), tags: tagsOf(o.tags, 'GetFederationToken') };
    check('GetFederationToken', validateFederationToken(request));
    const target = await this.target(p);
    const r = await sts.getFederationToken(target, await this.resolveProfile(p, true), request);
    const record = this.record({ operation: 'GetFederationToken', profile: p.name, arn: r.arn, sessionName: name, credentials: r.credentials, target, refreshable: true, pinned: o.pin });
    return this.sessions.add(record, r.credentials, { kind: 'GetFederationToken', profile: p.name, request });
  }

  async assumeRoleWithWebIdentity(o: WebIdentityOptions): Promise<SessionRecord> {
    const profile = o.profile ? await this.prompts.profile(o.profile, 'AssumeRoleWithWebIdentity') : undefined;
    const roleArn = o.roleArn ?? profile?.roleArn ?? (await this.prompts.roleArn());
    let tokenFile = o.tokenFile ?? (o.token === undefined ? profile?.webIdentityTokenFile : undefined);
    let token = o.token;
    if (token === undefined && tokenFile === undefined) {
      const given = await this.prompts.webIdentityToken();
      if ('tokenFile' in given) tokenFile = given.tokenFile;
      else token = given.token;
    }
    if (token === undefined && tokenFile) token = await readSecretFile(tokenFile);
    const sessionName = o.sessionName ?? defaultSessionName(localUser(), this.now());
    const request = { roleArn, sessionName, token: token ?? '', providerId: o.providerId, durationSeconds: o.durationSeconds, policy: o.policy, policyArns: list(o.policyArns) };
    check('AssumeRoleWithWebIdentity', validateWebIdentity(request));
    const target = await this.target(profile);
    const r = await sts.assumeRoleWithWebIdentity(target, request);
    await this.prompts.remember(roleArn);
    const record = this.record({ operation: 'AssumeRoleWithWebIdentity', profile: profile?.name, roleArn, arn: r.arn, sessionName, sourceIdentity: r.sourceIdentity, credentials: r.credentials, target, refreshable: !!tokenFile });
    const { token: _secret, ...withoutToken } = request;
    return this.sessions.add(record, r.credentials, tokenFile ? { kind: 'AssumeRoleWithWebIdentity', tokenFile, profile: profile?.name, request: withoutToken } : { kind: 'none' });
  }

  async assumeRoleWithSaml(o: SamlOptions): Promise<SessionRecord> {
    const profile = o.profile ? await this.prompts.profile(o.profile, 'AssumeRoleWithSAML') : undefined;
    const roleArn = o.roleArn ?? (await this.prompts.roleArn());
    const principalArn = o.principalArn ?? (await this.prompts.samlProviderArn());
    let assertion = o.assertion;
    if (assertion === undefined) {
      assertion = await readSecretFile(o.assertionFile || (await this.prompts.samlAssertionFile()));
    }
    const request = { roleArn, principalArn, assertion, durationSeconds: o.durationSeconds, policy: o.policy, policyArns: list(o.policyArns) };
    check('AssumeRoleWithSAML', validateSaml(request));
    const target = await this.target(profile);
    const r = await sts.assumeRoleWithSaml(target, request);
    await this.prompts.remember(roleArn);
    const record = this.record({ operation: 'AssumeRoleWithSAML', profile: profile?.name, roleArn, arn: r.arn, credentials: r.credentials, target, refreshable: false });
    return this.sessions.add(record, r.credentials, { kind: 'none' });
  }

  async callerIdentity(o: { profile?: string; sessionId?: string }): Promise<StsTypes.CallerIdentity> {
    if (o.sessionId) {
      const r = this.sessions.get(o.sessionId);
      if (!r) throw new InvalidRequest('GetCallerIdentity', [vscode.l10n.t('the session no longer exists')]);
      return sts.getCallerIdentity(await this.sessionTarget(r), await this.sessions.freshCredentials(r.id, true));
    }
    const p = await this.prompts.profile(o.profile, 'GetCallerIdentity');
    return sts.getCallerIdentity(await this.target(p), await this.profileCredentials(p, true));
  }

  /** Renews sessions of IAM Identity Center roles (set by that feature). */
  ssoRenewer: ((spec: Extract<RenewSpec, { kind: 'ssoRole' }>, interactive: boolean) => Promise<RenewResult>) | undefined;

  /** Renews a session from its spec; used by refresh, the credential server and pinned sessions. */
  readonly renew = async (spec: RenewSpec, record: SessionRecord, interactive: boolean): Promise<RenewResult> => {
    switch (spec.kind) {
      case 'profile': {
        const p = await this.prompts.profile(spec.profile, vscode.l10n.t('Refresh'));
        const credentials = await this.resolveProfile(p, interactive);
        return { credentials };
      }
      case 'AssumeRole': {
        const src = await this.sourceCredentials(spec.source, interactive);
        let mfaCode: string | undefined;
        if (spec.request.mfaSerial) {
          if (!interactive) throw new Error(vscode.l10n.t('the session needs an MFA code for {0}; refresh it in STS Lens', spec.request.mfaSerial));
          mfaCode = await askMfaCode(spec.request.mfaSerial);
        }
        const r = await sts.assumeRole(src.target, src.credentials, { ...spec.request, mfaCode });
        return { credentials: r.credentials, arn: r.arn, sourceIdentity: r.sourceIdentity };
      }
      case 'GetSessionToken': {
        const p = await this.prompts.profile(spec.profile, vscode.l10n.t('Refresh'));
        let mfaCode: string | undefined;
        if (spec.request.mfaSerial) {
          if (!interactive) throw new Error(vscode.l10n.t('the session needs an MFA code for {0}; refresh it in STS Lens', spec.request.mfaSerial));
          mfaCode = await askMfaCode(spec.request.mfaSerial);
        }
        const r = await sts.getSessionToken(await this.target(p, interactive), await this.resolveProfile(p, interactive), { ...spec.request, mfaCode });
        return { credentials: r.credentials };
      }
      case 'GetFederationToken': {
        const p = await this.prompts.profile(spec.profile, vscode.l10n.t('Refresh'));
        const r = await sts.getFederationToken(await this.target(p, interactive), await this.resolveProfile(p, interactive), spec.request);
        return { credentials: r.credentials, arn: r.arn };
      }
      case 'AssumeRoleWithWebIdentity': {
        const token = await readSecretFile(spec.tokenFile);
        const r = await sts.assumeRoleWithWebIdentity(await this.sessionTarget(record, interactive), { ...spec.request, token });
        return { credentials: r.credentials, arn: r.arn, sourceIdentity: r.sourceIdentity };
      }
      case 'ssoRole':
        if (!this.ssoRenewer) throw new errors.StsCallError({ operation: 'Refresh', message: vscode.l10n.t('IAM Identity Center is not available') });
        return this.ssoRenewer(spec, interactive);
      case 'none':
        throw new errors.StsCallError({ operation: 'Refresh', message: vscode.l10n.t('this session was created from a pasted token or SAML assertion and cannot be renewed; start a new one') });
    }
  };
}
