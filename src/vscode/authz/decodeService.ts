import * as vscode from 'vscode';
import type { ConfiguredProfile, DecodeError } from '../../aws/decodeAuthorizationMessage';
import { decode, isDecodeError } from '../awsModules';
import { describeDecodeFailure, type DecodeFailureAction } from '../../core/authz/decodeErrors';
import { explainDecodedMessage, type AuthorizationExplanation } from '../../core/authz/explain';
import type { ActiveIdentity } from '../../core/identity';
import type { StatedDenial } from '../../core/authz/statedDenial';
import type { IdentityService, StsLensContext } from '../context';
import { EndpointRefused } from '../endpointGuard';
import { readAuthzSettings } from './settings';
import { localCredentialSteps } from '../../node/credentialSteps';
import type { AwsFilesSource } from '../profiles/profilesStore';
import { CredentialProgress } from '../profiles/credentialProgress';
import { showError } from '../output';

const MAX_ENTRIES = 500;

export interface DecodedEntry {
  /** Stable small number, used in the explanation view's URI instead of the message itself. */
  readonly id: number;
  readonly message: string;
  readonly decoded: string;
  readonly explanation?: AuthorizationExplanation;
  /** Set when the decoded text could not be explained. */
  readonly explainError?: string;
  readonly decodedAs: string;
  readonly decodedAt: Date;
}

export type DecodeOutcome =
  | { readonly ok: true; readonly entry: DecodedEntry }
  | { readonly ok: false; readonly kind: DecodeError['kind']; readonly message: string; readonly actions: readonly DecodeFailureAction[] };

export interface DecodeRequest {
  readonly message: string;
  /** Decode as this profile instead of the active identity. */
  readonly profile?: string;
  /** Ask for a profile even when an identity is active. */
  readonly choose?: boolean;
  /** AWS's plain-text denial printed before the message; it names the kind of policy that denied. */
  readonly statedDenial?: StatedDenial;
}

/**
 * Decodes messages and keeps the results in memory only: they name accounts, roles and
 * policies. Concurrent requests for one message share a single STS call.
 */
export class DecodeService implements vscode.Disposable {
  private readonly entries = new Map<string, DecodedEntry>();
  private readonly byId = new Map<number, DecodedEntry>();
  private readonly inFlight = new Map<string, Promise<DecodeOutcome>>();
  private readonly identities = new Map<string, ActiveIdentity>();
  private readonly credentialProgress = new CredentialProgress();
  private chosenProfile: string | undefined;
  private nextId = 1;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a message is decoded or the cache is cleared. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly ctx: StsLensContext,
    private readonly identity: IdentityService,
    /** The Profiles view's reader of the AWS files: an unchanged config is not parsed again for a decode. */
    private readonly awsFiles: AwsFilesSource,
  ) {}

  get(message: string): DecodedEntry | undefined {
    return this.entries.get(message);
  }

  byEntryId(id: number): DecodedEntry | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.byId.clear();
    this.changed.fire();
  }

  decode(req: DecodeRequest, token?: vscode.CancellationToken): Promise<DecodeOutcome> {
    const cached = this.entries.get(req.message);
    if (cached && !req.profile && !req.choose) return Promise.resolve({ ok: true, entry: cached });
    const key = `${req.profile ?? ''}\u0000${req.message}`;
    let p = this.inFlight.get(key);
    if (!p) {
      p = this.run(req, token).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }

  private async run(req: DecodeRequest, token?: vscode.CancellationToken): Promise<DecodeOutcome> {
    const settings = readAuthzSettings();
    const who = await this.resolveIdentity(req);
    if (!who) return { ok: false, kind: 'cancelled', message: vscode.l10n.t('No identity was chosen.'), actions: [] };
    try {
      await this.ctx.endpoints.check(who.endpoint, who.endpointOrigin, { service: 'STS', interactive: true });
    } catch (e) {
      if (e instanceof EndpointRefused) return { ok: false, kind: 'other', message: e.message, actions: ['openSettings'] };
      return { ok: false, kind: 'cancelled', message: vscode.l10n.t('The endpoint was not allowed.'), actions: [] };
    }
    const abort = new AbortController();
    const sub = token?.onCancellationRequested(() => abort.abort());
    const started = Date.now();
    try {
      const decoded = await decode.decodeAuthorizationMessage(who, req.message, { timeoutMs: settings.decodeTimeoutSeconds * 1000, signal: abort.signal });
      const result = explainDecodedMessage(decoded, req.statedDenial);
      const entry: DecodedEntry = {
        id: this.nextId++,
        message: req.message,
        decoded,
        ...(result.ok ? { explanation: result.explanation } : { explainError: result.error }),
        decodedAs: who.label,
        decodedAt: new Date(),
      };
      this.entries.set(req.message, entry);
      this.byId.set(entry.id, entry);
      // Bounded: a long session of decoding should not grow without limit.
      if (this.entries.size > MAX_ENTRIES) {
        const oldest = this.entries.values().next().value as DecodedEntry;
        this.entries.delete(oldest.message);
        this.byId.delete(oldest.id);
      }
      this.ctx.log.info(`Decoded an authorization message (${req.message.length} characters) as ${who.label} in ${Date.now() - started} ms${result.ok ? `: ${result.explanation.verdict}` : ''}`);
      this.changed.fire();
      return { ok: true, entry };
    } catch (e) {
      const err = isDecodeError(e) ? e : new decode.DecodeError('other', e instanceof Error ? e.message : String(e));
      const text = describeDecodeFailure(err.kind, {
        identity: who.label,
        endpoint: who.endpoint,
        region: who.region,
        timeoutSeconds: settings.decodeTimeoutSeconds,
        code: err.code,
        detail: err.message,
      });
      if (err.kind !== 'cancelled') this.ctx.log.warn(`Decoding as ${who.label} failed (${err.kind}${err.code ? `, ${err.code}` : ''}${err.httpStatus ? `, HTTP ${err.httpStatus}` : ''}) after ${Date.now() - started} ms`);
      return { ok: false, kind: err.kind, message: text.message, actions: text.actions };
    } finally {
      sub?.dispose();
    }
  }

  /** The active identity, else the profile chosen earlier in this window, else one the person picks. */
  private async resolveIdentity(req: DecodeRequest): Promise<ActiveIdentity | undefined> {
    if (req.profile) {
      // An explicit choice also serves later decodes in this window while no identity is active.
      this.chosenProfile = req.profile;
      return this.profileIdentity(req.profile);
    }
    if (!req.choose) {
      const current = this.identity.current();
      if (current) return current;
      if (this.chosenProfile) return this.profileIdentity(this.chosenProfile);
    }
    const picked = await this.pickProfile();
    if (!picked) return undefined;
    if (typeof picked !== 'string') return picked;
    this.chosenProfile = picked;
    return this.profileIdentity(picked);
  }

  private async profileIdentity(name: string): Promise<ActiveIdentity | undefined> {
    let id = this.identities.get(name);
    if (!id) {
      const profiles = await this.awsFiles.onDisk().then((now) => decode.listConfiguredProfiles(now.files)).catch(() => [] as ConfiguredProfile[]);
      const profile = profiles.find((p) => p.name === name) ?? { name, kind: 'other' as const };
      const fromProfile = decode.identityFromProfile(profile, {
        local: localCredentialSteps(async () => (await this.awsFiles.onDisk()).model),
        settingEndpoint: readAuthzSettings().stsEndpoint,
        settingEndpointOrigin: readAuthzSettings().stsEndpointOrigin,
        mfaCodeProvider: async (serial) => {
          const code = await vscode.window.showInputBox({
            title: vscode.l10n.t('MFA code for {0}', name),
            prompt: vscode.l10n.t('Enter the 6-digit code from {0}', serial),
            ignoreFocusOut: true,
            validateInput: (v) => (/^\d{6}$/.test(v.trim()) ? undefined : vscode.l10n.t('Enter the six digits the MFA device shows.')),
          });
          if (!code) throw new decode.DecodeError('cancelled', vscode.l10n.t('MFA code entry was cancelled.'));
          return code.trim();
        },
      });
      // A credential_process may never end: slow resolutions show a progress with Cancel.
      id = { ...fromProfile, getCredentials: () => this.credentialProgress.run(name, (signal) => fromProfile.getCredentials(signal), () => new decode.DecodeError('cancelled', vscode.l10n.t('Getting credentials was cancelled.'))) };
      this.identities.set(name, id);
    }
    return id;
  }

  /**
   * Asks for a profile to decode as (without changing the extension's identity), or offers the
   * identity picker for sessions and recent roles. Undefined when cancelled or none exist.
   */
  async pickProfile(): Promise<string | ActiveIdentity | undefined> {
    let profiles: ConfiguredProfile[];
    try {
      profiles = decode.listConfiguredProfiles((await this.awsFiles.onDisk()).files);
    } catch (e) {
      void showError(vscode.l10n.t('Could not read the AWS config files: {0}', e instanceof Error ? e.message : String(e)));
      return undefined;
    }
    if (profiles.length === 0) {
      void showError(vscode.l10n.t('No AWS profiles were found to decode the message with. Add a profile to ~/.aws/config (or AWS_CONFIG_FILE) that may call sts:DecodeAuthorizationMessage.'));
      return undefined;
    }
    type Item = vscode.QuickPickItem & { name?: string };
    const items: Item[] = profiles.map((p) => ({ label: p.name, description: [p.kind === 'other' ? undefined : p.kind, p.region, p.endpoint].filter(Boolean).join(' · '), name: p.name }));
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: vscode.l10n.t('$(key) Switch identity (sessions, recent roles)…'), description: vscode.l10n.t('changes the STS Lens identity') });
    const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Decode as which AWS profile?'), placeHolder: vscode.l10n.t('The profile needs sts:DecodeAuthorizationMessage, in the account where the error happened'), matchOnDescription: true });
    if (!choice) return undefined;
    return choice.name ?? this.identity.pick(vscode.l10n.t('Decode as… (needs sts:DecodeAuthorizationMessage)'));
  }

  dispose(): void {
    this.changed.dispose();
    this.entries.clear();
    this.byId.clear();
  }
}
