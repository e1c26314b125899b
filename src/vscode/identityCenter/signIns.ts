/**
 * IAM Identity Center sign-ins: which ones the AWS config defines (`[sso-session …]` sections and
 * legacy `sso_start_url` profiles), their tokens in the AWS CLI's cache, signing in (PKCE with a
 * loopback redirect, or the device code), refreshing and signing out. Tokens stay in the cache file
 * and in memory; they never reach a log, a setting or an error.
 */
import * as crypto from 'crypto';
import * as vscode from 'vscode';
import { isAwsHost } from '../../core/profiles/endpointTrust';
import { overwriteRefusal, readRegistrationFile, readTokenFile, registrationCacheFileName, registrationFileText, registrationUsable, tokenCacheFileName, tokenFileText, type ClientRegistration, type SsoToken } from '../../core/sso/cacheFiles';
import type { SignInEntry } from '../../core/sso/signInEntries';
import { afterPollError, oauthErrorCode, startPolling, tokenNeedsRefresh } from '../../core/sso/deviceFlow';
import { authorizeUrl, codeChallenge, codeVerifier } from '../../core/sso/pkce';
import type * as SsoTypes from '../../aws/sso';
import { sso } from '../awsModules';
import { deleteCacheFile, readCacheFile, ssoCacheDir, writeCacheFile } from '../../node/ssoCacheFiles';
import { startLoopbackRedirect } from '../../node/loopbackRedirect';
import type { StsLensContext } from '../context';
import { Cancelled } from '../profiles/prompts';
import { showInfo } from '../output';
import { openExternalUrl } from '../externalLinks';

export { signInEntries, type SignInEntry } from '../../core/sso/signInEntries';

export type SignInState =
  | { readonly kind: 'signedOut' }
  | { readonly kind: 'signedIn'; readonly expiresAt: number; readonly refreshable: boolean }
  /** The cache file cannot be used and will not be overwritten. */
  | { readonly kind: 'unusable'; readonly message: string };

export type SignInFlow = 'browser' | 'device';

/** A sign-in that needs the person: the message says what to do. */
export class SignInNeeded extends Error {
  /** `signInHelps`: false when signing in again would not help (a cache file STS Lens will not overwrite). */
  constructor(message: string, readonly signInHelps = true) {
    super(message);
    this.name = 'SignInNeeded';
  }
}

const REDIRECT_TIMEOUT_MS = 5 * 60_000;

export class SignIns {
  private readonly dir: string;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Refreshes in flight, one per sign-in. */
  private readonly refreshing = new Map<string, Promise<SsoToken>>();
  /** The page a programmatic sign-in (`openBrowser: false`) leaves to its caller; no secret (RFC 7636 keeps the verifier here). */
  private leftToCaller: string | undefined;

  constructor(private readonly ctx: StsLensContext, private readonly now: () => number, dir?: string) {
    this.dir = dir ?? ssoCacheDir();
  }

  dispose(): void {
    this.changed.dispose();
  }

  target(e: SignInEntry): SsoTypes.SsoTarget {
    return { region: e.key.region, endpoint: e.endpoint };
  }

  /** Checks the endpoint before a token or code goes there: a custom one from the AWS config is the person's own. */
  private async checkEndpoint(e: SignInEntry, interactive = true): Promise<void> {
    await this.ctx.endpoints.check(e.endpoint, 'awsConfig', { service: 'IAM Identity Center', interactive });
  }

  async state(e: SignInEntry): Promise<SignInState> {
    const name = tokenCacheFileName(e.key);
    let read;
    try {
      read = readTokenFile(await readCacheFile(this.dir, name), e.key);
    } catch (err) {
      return { kind: 'unusable', message: (err as Error).message };
    }
    if (read.kind === 'missing') return { kind: 'signedOut' };
    if (read.kind !== 'ok') return { kind: 'unusable', message: overwriteRefusal(read, `${this.dir}/${name}`)! };
    const t = read.value;
    const refreshable = !!(t.refreshToken && t.clientId && t.clientSecret && (t.registrationExpiresAt ?? Infinity) > this.now());
    if (t.expiresAt <= this.now() && !refreshable) return { kind: 'signedOut' };
    return { kind: 'signedIn', expiresAt: t.expiresAt, refreshable };
  }

  private async readToken(e: SignInEntry): Promise<SsoToken | undefined> {
    const name = tokenCacheFileName(e.key);
    const read = readTokenFile(await readCacheFile(this.dir, name), e.key);
    if (read.kind === 'missing') return undefined;
    if (read.kind !== 'ok') throw new SignInNeeded(overwriteRefusal(read, `${this.dir}/${name}`)!, false);
    return read.value;
  }

  private async writeToken(e: SignInEntry, token: SsoToken): Promise<void> {
    const name = tokenCacheFileName(e.key);
    // Read again just before writing: another tool may have written a file of its own meanwhile.
    const refusal = overwriteRefusal(readTokenFile(await readCacheFile(this.dir, name), e.key), `${this.dir}/${name}`);
    if (refusal) throw new SignInNeeded(refusal, false);
    await writeCacheFile(this.dir, name, tokenFileText(token));
    this.ctx.log.info(`IAM Identity Center: signed in to ${e.label} until ${new Date(token.expiresAt).toISOString()} (token in ${this.dir}/${name})`);
    this.changed.fire();
  }

  /** A registration for the grant, reused from the CLI's cache when it still fits, else a new one. */
  private async registration(e: SignInEntry, flow: SignInFlow, redirectUri?: string): Promise<ClientRegistration> {
    const name = registrationCacheFileName(e.key);
    const read = readRegistrationFile(await readCacheFile(this.dir, name));
    if (read.kind === 'ok' && registrationUsable(read.value, this.now(), flow === 'browser' ? 'authorization_code' : 'device_code')) return read.value;
    if (read.kind === 'corrupt') throw new SignInNeeded(vscode.l10n.t('{0} is in the SSO cache but is not a client registration STS Lens can read ({1}). STS Lens does not overwrite it: move it aside and sign in again.', `${this.dir}/${name}`, read.reason), false);
    const reg = await sso.registerClient(this.target(e), { scopes: e.key.scopes, ...(flow === 'browser' && redirectUri ? { authorizationCode: { redirectUri: 'http://127.0.0.1/oauth/callback', issuerUrl: e.key.startUrl } } : {}) }, `sts-lens-${crypto.randomBytes(4).toString('hex')}`);
    await writeCacheFile(this.dir, name, registrationFileText(reg));
    return reg;
  }

  private toToken(e: SignInEntry, reg: ClientRegistration, issued: SsoTypes.IssuedToken): SsoToken {
    const withRefresh = !!(e.key.sessionName && issued.refreshToken);
    return {
      startUrl: e.key.startUrl,
      region: e.key.region,
      accessToken: issued.accessToken,
      expiresAt: this.now() + issued.expiresIn * 1000,
      ...(e.key.sessionName ? { clientId: reg.clientId, clientSecret: reg.clientSecret, registrationExpiresAt: reg.expiresAt } : {}),
      ...(withRefresh ? { refreshToken: issued.refreshToken } : {}),
    };
  }

  /** Where a loopback redirect cannot reach the extension host: the browser runs elsewhere. */
  static defaultFlow(): SignInFlow {
    return vscode.env.uiKind === vscode.UIKind.Web || vscode.env.remoteName ? 'device' : 'browser';
  }

  /**
   * Signs in and writes the token. `openBrowser: false` leaves the browser step to the caller
   * (tests approve on the responder's page themselves).
   */
  async signIn(e: SignInEntry, flow: SignInFlow, o: { openBrowser?: boolean } = {}): Promise<{ expiresAt: number; flow: SignInFlow }> {
    await this.checkEndpoint(e);
    const name = tokenCacheFileName(e.key);
    const refusal = overwriteRefusal(readTokenFile(await readCacheFile(this.dir, name), e.key), `${this.dir}/${name}`);
    if (refusal) throw new SignInNeeded(refusal, false);
    const open = async (url: string) => {
      if (o.openBrowser === false) {
        this.leftToCaller = url;
        return;
      }
      const opened = await openExternalUrl(url);
      if (!opened) throw new Cancelled();
    };
    const token = flow === 'device' ? await this.deviceFlow(e, open, o) : await this.browserFlow(e, open);
    await this.writeToken(e, token);
    return { expiresAt: token.expiresAt, flow };
  }

  private async browserFlow(e: SignInEntry, open: (url: string) => Promise<void>): Promise<SsoToken> {
    const state = crypto.randomBytes(16).toString('hex');
    const redirect = await startLoopbackRedirect(state, REDIRECT_TIMEOUT_MS, vscode.env.language);
    try {
      const reg = await this.registration(e, 'browser', redirect.redirectUri);
      const verifier = codeVerifier(crypto.randomBytes(64));
      const url = authorizeUrl({ authorizeEndpoint: sso.authorizeEndpoint(this.target(e)), clientId: reg.clientId, redirectUri: redirect.redirectUri, state, challenge: codeChallenge(verifier), scopes: e.key.scopes?.length ? e.key.scopes : ['sso:account:access'] });
      const code = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to {0}: approve the request in your browser…', e.label), cancellable: true }, async (_p, cancel) => {
        cancel.onCancellationRequested(() => redirect.cancel('cancelled'));
        await open(url);
        try {
          return await redirect.code;
        } catch (err) {
          if (cancel.isCancellationRequested) throw new Cancelled();
          throw new SignInNeeded(vscode.l10n.t('Signing in to {0} failed: {1}', e.label, (err as Error).message));
        }
      });
      let issued: SsoTypes.IssuedToken;
      try {
        issued = await sso.createToken(this.target(e), reg, { grantType: 'authorization_code', code, redirectUri: redirect.redirectUri, codeVerifier: verifier });
      } catch (err) {
        if (err instanceof sso.SsoCallError && oauthErrorCode(err.code, err.oauthError) === 'invalid_grant') {
          throw new SignInNeeded(vscode.l10n.t('Signing in to {0} failed: IAM Identity Center refused the authorization code from the browser (it was already used, has expired, or does not match this sign-in\'s PKCE verifier). Sign in again.', e.label));
        }
        throw err;
      }
      return this.toToken(e, reg, issued);
    } finally {
      redirect.cancel('done');
    }
  }

  private async deviceFlow(e: SignInEntry, open: (url: string) => Promise<void>, o: { openBrowser?: boolean }): Promise<SsoToken> {
    const reg = await this.registration(e, 'device');
    const device = await sso.startDeviceAuthorization(this.target(e), reg, e.key.startUrl);
    const verification = device.verificationUriComplete ?? device.verificationUri;
    let state = startPolling(this.now(), device.expiresIn, device.interval);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sign in to {0}: confirm code {1} in the browser', e.label, device.userCode), cancellable: true }, async (progress, cancel) => {
      progress.report({ message: vscode.l10n.t('check that the browser shows the same code, then choose Allow ({0})', verification) });
      await open(verification);
      // Without a browser tab (the caller opens the page), say how to get there. A message with
      // buttons stays after the sign-in ends, so it is not shown when the page was opened.
      if (o.openBrowser === false) {
        const openBrowser = vscode.l10n.t('Open Browser');
        const copyCode = vscode.l10n.t('Copy Code');
        void showInfo(vscode.l10n.t('Sign in to {0} with code {1}: open {2}, check the code, then choose Allow.', e.label, device.userCode, verification), openBrowser, copyCode).then((c) => {
          if (c === openBrowser) void openExternalUrl(verification);
          if (c === copyCode) void vscode.env.clipboard.writeText(device.userCode);
        });
      }
      for (;;) {
        if (cancel.isCancellationRequested) throw new Cancelled();
        try {
          const issued = await sso.createToken(this.target(e), reg, { grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode });
          return this.toToken(e, reg, issued);
        } catch (err) {
          if (!(err instanceof sso.SsoCallError)) throw err;
          const code = oauthErrorCode(err.code, err.oauthError);
          const next = afterPollError(state, code, this.now());
          if (next.kind === 'fail') throw new SignInNeeded(vscode.l10n.t('Signing in to {0} stopped: {1}', e.label, next.message));
          state = next.state;
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, next.delayMs);
            cancel.onCancellationRequested(() => {
              clearTimeout(t);
              resolve();
            });
          });
        }
      }
    });
  }

  /** The authorize or verification page the last `openBrowser: false` sign-in left to its caller. */
  pageLeftToCaller(): string | undefined {
    return this.leftToCaller;
  }

  /** A valid access token, refreshed with the refresh token near expiry; SignInNeeded when the person must sign in. */
  async accessToken(e: SignInEntry, interactive = true): Promise<string> {
    await this.checkEndpoint(e, interactive);
    let token = await this.readToken(e);
    if (!token) throw new SignInNeeded(vscode.l10n.t('You are not signed in to {0}. Sign in first.', e.label));
    if (tokenNeedsRefresh(token.expiresAt, this.now())) {
      if (token.refreshToken && token.clientId && token.clientSecret) token = await this.refresh(e, token);
      else if (token.expiresAt <= this.now()) throw new SignInNeeded(vscode.l10n.t('The sign-in to {0} has expired. Sign in again.', e.label));
    }
    return token.accessToken;
  }

  private refresh(e: SignInEntry, token: SsoToken): Promise<SsoToken> {
    let p = this.refreshing.get(e.id);
    if (!p) {
      p = (async () => {
        const reg = { clientId: token.clientId!, clientSecret: token.clientSecret!, expiresAt: token.registrationExpiresAt ?? Infinity };
        try {
          const issued = await sso.createToken(this.target(e), reg, { grantType: 'refresh_token', refreshToken: token.refreshToken! });
          const next = { ...this.toToken(e, reg, issued), refreshToken: issued.refreshToken ?? token.refreshToken };
          await this.writeToken(e, next);
          this.ctx.log.info(`IAM Identity Center: the sign-in to ${e.label} was refreshed`);
          return next;
        } catch (err) {
          if (err instanceof sso.SsoCallError && ['invalid_grant', 'expired_token', 'invalid_client', 'unauthorized_client'].includes(oauthErrorCode(err.code, err.oauthError))) {
            if (token.expiresAt > this.now()) return token;
            throw new SignInNeeded(vscode.l10n.t('The sign-in to {0} can no longer be refreshed (it was signed out or revoked). Sign in again.', e.label));
          }
          throw err;
        }
      })().finally(() => this.refreshing.delete(e.id));
      this.refreshing.set(e.id, p);
    }
    return p;
  }

  /** Signs out at IAM Identity Center (when reachable) and removes the token file. */
  async signOut(e: SignInEntry): Promise<boolean> {
    const token = await this.readToken(e);
    if (!token) return false;
    if (token.expiresAt > this.now()) {
      try {
        await this.checkEndpoint(e);
        await sso.logout(this.target(e), token.accessToken);
      } catch (err) {
        if (err instanceof Cancelled) throw err;
        this.ctx.log.warn(`IAM Identity Center: Logout for ${e.label} failed (${err instanceof sso.SsoCallError ? err.code : (err as Error).name}); the local sign-in is removed anyway`);
      }
    }
    await deleteCacheFile(this.dir, tokenCacheFileName(e.key));
    this.ctx.log.info(`IAM Identity Center: signed out of ${e.label}`);
    this.changed.fire();
    return true;
  }

  /** The custom endpoint is also the sign-in's STS endpoint for sessions from its roles (emulators). */
  stsEndpoint(e: SignInEntry): string | undefined {
    if (!e.endpoint) return undefined;
    try {
      return isAwsHost(new URL(e.endpoint).hostname) ? undefined : e.endpoint;
    } catch {
      return undefined;
    }
  }
}
