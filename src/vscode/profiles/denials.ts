import * as vscode from 'vscode';
import { roleNameOf } from '../../core/profiles/model';
import { likelyDenialCause } from '../../core/sessions/denialHints';
import { iam, renamedCall } from '../awsModules';
import { policyText } from '../../core/debugging/accountPolicySet';
import type { PolicyDocumentProvider } from '../policy/policyDocumentProvider';
import { reportError, type CommandFailure, type LikelyCauseButton } from './errorUi';
import type { StsOperations } from './operations';
import type { ProfilesStore } from './profilesStore';
import type { SessionStore, SourceRef } from './sessionStore';
import { likelyCauseText } from './denialHintText';

export interface TrustPolicyRequest {
  readonly roleArn: string;
  /** The identity that made the failed call; without one (or with `ask`), the person chooses. */
  readonly profile?: string;
  readonly sessionId?: string;
  readonly ask?: boolean;
}

/** What an AssumeRole sent, to tell what it left out. */
export interface SentRequest {
  readonly source: SourceRef;
  readonly roleArn: string;
  readonly externalId?: string;
  readonly mfaSerial?: string;
}

/**
 * After a denial: reading the role's trust policy as the identity that was denied (never silently as
 * another one), and finding the likely cause (a missing external ID or MFA) with a retry that adds it.
 */
export class Denials {
  constructor(
    private readonly store: ProfilesStore,
    private readonly sessions: SessionStore,
    private readonly ops: StsOperations,
    private readonly log: vscode.LogOutputChannel,
    /** Where the trust policy is shown read-only; an untitled document only without it. */
    private readonly readOnly?: PolicyDocumentProvider,
  ) {}

  private async credentialsOf(source: SourceRef) {
    if ('sessionId' in source) {
      const r = this.sessions.get(source.sessionId);
      if (!r) throw new Error(vscode.l10n.t('the session was forgotten'));
      return { credentials: await this.sessions.freshCredentials(r.id, true), target: await this.ops.sessionTarget(r) };
    }
    const snap = await this.store.ensureLoaded();
    const p = snap.model.profiles.get(source.profile);
    if (!p) throw new Error(vscode.l10n.t('there is no profile named "{0}"', source.profile));
    return { credentials: await this.ops.profileCredentials(p, true), target: await this.ops.target(p) };
  }

  /** Opens the trust policy as a JSON document; the operation's name says whose credentials read it. */
  async openTrustPolicy(o: TrustPolicyRequest): Promise<{ trustPolicy: string; readAs: string; uri: string } | CommandFailure | undefined> {
    let operation = vscode.l10n.t('IAM GetRole (reading the trust policy)');
    try {
      const source: SourceRef = !o.ask && o.sessionId && this.sessions.get(o.sessionId) ? { sessionId: o.sessionId }
        : !o.ask && o.profile ? { profile: o.profile }
        : await this.ops.pickSource(vscode.l10n.t('Open Trust Policy of {0}', roleNameOf(o.roleArn)), vscode.l10n.t('Read the trust policy (IAM GetRole) as…'));
      const readAs = this.ops.sourceLabel(source);
      operation = vscode.l10n.t('IAM GetRole as {0} (reading the trust policy of {1})', readAs, roleNameOf(o.roleArn));
      const { credentials, target } = await this.credentialsOf(source);
      const role = await iam.getRole(target, credentials, o.roleArn);
      // Read-only, laid out, and never a dirty Untitled that asks to be saved: Save as File copies it.
      const text = `${policyText(role.trustPolicy)}\n`;
      const [, , , , account = 'account'] = o.roleArn.split(':');
      const uri = this.readOnly?.register(vscode.l10n.t('{0}/role/{1} trust policy', account, roleNameOf(o.roleArn)), text);
      const doc = uri ? await vscode.workspace.openTextDocument(uri) : await vscode.workspace.openTextDocument({ language: 'json', content: text });
      await vscode.window.showTextDocument(doc.languageId === 'json' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'json'), { preview: true });
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Trust policy of {0}, read as {1}', o.roleArn, readAs), 10_000);
      return { trustPolicy: role.trustPolicy, readAs, uri: doc.uri.toString() };
    } catch (e) {
      // Name whose credentials were used in the message, not just "IAM GetRole".
      const named = renamedCall(e, operation);
      return reportError(this.log, named, operation, {
        likelyCause: async () => ({
          message: vscode.l10n.t('Reading a trust policy needs iam:GetRole on the role, which the identity that was denied often lacks.'),
          button: { label: vscode.l10n.t('Read as Another Identity…'), run: () => void vscode.commands.executeCommand('stsLens.openTrustPolicy', { roleArn: o.roleArn, ask: true }) },
        }),
      });
    }
  }

  /** The likely cause of a denied AssumeRole, with "Retry with External ID" or "Retry with MFA". */
  async likelyCause(sent: SentRequest, retry: (add: { externalId?: string; mfaSerial?: string }) => void): Promise<LikelyCauseButton | undefined> {
    const snap = await this.store.ensureLoaded();
    const profiles = [...snap.model.profiles.values()].filter((p) => p.roleArn === sent.roleArn).map((p) => ({ name: p.name, externalId: p.externalId, mfaSerial: p.mfaSerial }));
    const callerProfile = 'profile' in sent.source ? snap.model.profiles.get(sent.source.profile) : undefined;
    let trustPolicy: string | undefined;
    if (!profiles.some((p) => p.externalId || p.mfaSerial)) {
      // Only worth a quick look when no profile says what the role needs; callers often may not read it.
      trustPolicy = await this.credentialsOf(sent.source)
        .then(({ credentials, target }) => iam.getRole({ ...target, timeoutMs: 3000, maxAttempts: 1 }, credentials, sent.roleArn))
        .then((r) => r.trustPolicy, () => undefined);
    }
    const cause = likelyDenialCause({ roleName: roleNameOf(sent.roleArn), sentExternalId: !!sent.externalId, sentMfa: !!sent.mfaSerial, profiles, trustPolicy, callerMfaSerial: callerProfile?.mfaSerial });
    if (!cause) return undefined;
    if (cause.kind === 'externalId') {
      return { message: likelyCauseText(cause), button: { label: vscode.l10n.t('Retry with External ID'), run: () => retry({ externalId: cause.externalId }) } };
    }
    return cause.mfaSerial ? { message: likelyCauseText(cause), button: { label: vscode.l10n.t('Retry with MFA'), run: () => retry({ mfaSerial: cause.mfaSerial }) } } : { message: likelyCauseText(cause) };
  }
}
