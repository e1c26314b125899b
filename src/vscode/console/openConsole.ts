/**
 * Open AWS Console as… a session, a profile, an IAM Identity Center role or the active identity:
 * getSigninToken at the partition's federation endpoint, then the login URL, opened in the browser.
 * Long-term keys first get a federation token (as aws-vault does). The sign-in URL is a credential:
 * it is never logged or stored, and Copy Console URL says so before copying.
 */
import * as vscode from 'vscode';
import { consoleSessionSeconds, destinationUrl, federationEndpoint, partitionOfArn, partitionOfRegion, type ConsoleDestination } from '../../core/console/federation';
import { loginUrl } from '../../core/console/signinUrls';
import { isAwsHost } from '../../core/profiles/endpointTrust';
import type { TemporaryCredentials } from '../../core/identity';
import type { SessionRecord } from '../../core/sessions/session';
import { federation as federationApi } from '../awsModules';
import type { StsLensContext } from '../context';
import type { ProfilesParts } from '../profiles/register';
import { Cancelled } from '../profiles/prompts';

/** Session kinds whose credentials came from AssumeRole*: the federation endpoint accepts a SessionDuration for them. */
const ASSUMED: ReadonlySet<string> = new Set(['AssumeRole', 'AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML', 'GetRoleCredentials']);
/** AWS's policy for the federation token of long-term keys: the user's own permissions, no more (as aws-vault). */
const ALLOW_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const ARN_TEXT = /^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12}|aws)?:\S+$/;

export interface ConsoleRequest {
  readonly sessionId?: string;
  readonly profile?: string;
  readonly destination?: ConsoleDestination;
  /** Resource ARN to land on (from a decoded denial, a tree item or the selection). */
  readonly resourceArn?: string;
}

export class ConsoleSignIn {
  constructor(private readonly ctx: StsLensContext, private readonly parts: ProfilesParts) {}

  /** The session whose credentials sign in: a live one, or one started for the profile. */
  async sessionFor(r: ConsoleRequest): Promise<SessionRecord> {
    const { sessions, ops, store } = this.parts;
    await sessions.restore();
    if (r.sessionId) {
      const s = sessions.get(r.sessionId);
      if (!s) throw new Error(vscode.l10n.t('the session was forgotten; start it again'));
      if (s.readOnly) throw new Error(vscode.l10n.t('sessions found in the AWS CLI or SSO cache are read-only here; start a session for the profile instead'));
      // GetSessionToken's credentials cannot sign in to the console; its profile's keys get a federation token.
      if ((s.operation === 'GetSessionToken' || (s.operation === 'profile' && store.profile(s.profile ?? '')?.kind === 'static')) && s.profile) return this.sessionFor({ profile: s.profile });
      return s;
    }
    const name = r.profile ?? this.parts.identity.current()?.profile;
    if (!name) throw new Error(vscode.l10n.t('there is no active identity; choose a session or profile first'));
    const p = (await store.ensureLoaded()).model.profiles.get(name);
    if (!p) throw new Error(vscode.l10n.t('there is no profile named "{0}"', name));
    if (p.kind === 'static') {
      const now = sessions.clock.now();
      const existing = sessions.list().find((s) => s.operation === 'GetFederationToken' && s.profile === name && s.sessionName === 'sts-lens-console' && (s.expiration ?? Infinity) > now + 5 * 60_000);
      return existing ?? ops.getFederationToken({ profile: name, name: 'sts-lens-console', durationSeconds: 3600, policy: ALLOW_ALL });
    }
    return sessions.liveProfileSession(name) ?? ops.startSession({ profile: name });
  }

  private async destination(r: ConsoleRequest, region: string): Promise<ConsoleDestination> {
    if (r.destination) return r.destination;
    if (r.resourceArn) return { kind: 'arn', arn: r.resourceArn };
    const selected = vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection).trim().slice(0, 2048);
    const items: (vscode.QuickPickItem & { d?: ConsoleDestination })[] = [
      { label: vscode.l10n.t('$(home) Console Home'), d: { kind: 'home' } },
      { label: vscode.l10n.t('$(globe) {0} Home', region), description: vscode.l10n.t('the console in the session\'s region'), d: { kind: 'region', region } },
      ...(selected && ARN_TEXT.test(selected) ? [{ label: vscode.l10n.t('$(symbol-reference) The selected resource'), description: selected, d: { kind: 'arn' as const, arn: selected } }] : []),
      { label: vscode.l10n.t('$(edit) A resource ARN…') },
    ];
    const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Open AWS Console'), placeHolder: vscode.l10n.t('Where should the console open?') });
    if (!choice) throw new Cancelled();
    if (choice.d) return choice.d;
    const arn = await vscode.window.showInputBox({ title: vscode.l10n.t('Open AWS Console'), prompt: vscode.l10n.t('The ARN of the resource to open'), placeHolder: vscode.l10n.t('arn:aws:s3:::my-bucket'), validateInput: (v) => (ARN_TEXT.test(v.trim()) ? undefined : vscode.l10n.t('An ARN looks like arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE')) });
    if (!arn) throw new Cancelled();
    return { kind: 'arn', arn: arn.trim() };
  }

  /** Builds the sign-in URL. The caller must not log or store it. */
  async signInUrl(r: ConsoleRequest): Promise<{ url: string; record: SessionRecord; minutes: number }> {
    const record = await this.sessionFor(r);
    const credentials: TemporaryCredentials = await this.parts.sessions.freshCredentials(record.id, true);
    if (!credentials.sessionToken) throw new Error(vscode.l10n.t('the console needs temporary credentials with a session token'));
    const partition = partitionOfArn(record.arn) ?? partitionOfRegion(record.region);
    const destination = destinationUrl(await this.destination(r, record.region), partition, record.region);
    const federation = federationEndpoint(partition, record.endpoint, isAwsHost);
    await this.ctx.endpoints.check(federation, 'session', { service: 'AWS sign-in (federation)', interactive: true });
    const now = this.parts.sessions.clock.now();
    const seconds = consoleSessionSeconds(record.expiration, now, ASSUMED.has(record.operation) || (record.operation === 'profile' && !!this.parts.store.profile(record.profile ?? '')?.roleArn));
    const token = await federationApi.getSigninToken(federation, { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken }, seconds);
    this.ctx.log.info(`Console sign-in URL made for ${record.arn ?? record.id} (${partition}); the URL itself is not logged`);
    return { url: loginUrl(federation, token, destination), record, minutes: Math.round((seconds ?? 3600) / 60) };
  }
}
