/**
 * Checks an endpoint before STS Lens sends credentials to it: refuses plain http (except to this
 * computer), and asks once per workspace before using an endpoint outside AWS that the workspace's
 * settings chose. The consent (the endpoint URL only) is kept in the workspace's state.
 */
import * as vscode from 'vscode';
import { endpointKey, endpointVerdict, type EndpointOrigin } from '../core/profiles/endpointTrust';
import { askModal, showInfo } from './output';
import { Cancelled } from './profiles/prompts';

const ALLOWED_KEY = 'stsLens.allowedEndpoints';

/** An endpoint STS Lens will not send credentials to; the message says why and what to change. */
export class EndpointRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointRefused';
  }
}

export interface EndpointCheck {
  /** Named in messages: STS, IAM, IAM Access Analyzer. */
  readonly service: string;
  /** False for background renewals (terminals), which must not open a dialog. */
  readonly interactive: boolean;
}

export class EndpointGuard {
  private readonly asking = new Map<string, Promise<boolean>>();
  /** Answers given instead of a person, in order (integration tests); each is used once. */
  private readonly scriptedAnswers: boolean[] = [];
  /** The questions asked so far in this window, for tests. */
  readonly asked: string[] = [];

  constructor(private readonly state: vscode.Memento, private readonly log: vscode.LogOutputChannel) {}

  /**
   * Resolves when credentials may go to `endpoint` (undefined means the SDK's AWS default);
   * rejects with EndpointRefused, or Cancelled when the person declines.
   */
  async check(endpoint: string | undefined, origin: EndpointOrigin | undefined, o: EndpointCheck): Promise<void> {
    if (!endpoint) return;
    const verdict = endpointVerdict(endpoint, origin ?? 'session', o.service);
    if (verdict.kind === 'allow') return;
    if (verdict.kind === 'refuse') throw new EndpointRefused(verdict.message);
    const key = endpointKey(endpoint) ?? endpoint;
    if (this.allowed().includes(key)) return;
    if (!o.interactive) throw new EndpointRefused(vscode.l10n.t('{0} calls to {1} wait for your permission, because this workspace\'s settings chose that endpoint. Run a command of STS Lens in this window to answer.', o.service, key));
    let pending = this.asking.get(key);
    if (!pending) {
      pending = this.ask(key, verdict.message, o.service).finally(() => this.asking.delete(key));
      this.asking.set(key, pending);
    }
    if (!(await pending)) {
      this.log.info(`${o.service} call to ${key} cancelled: the endpoint was not allowed`);
      throw new Cancelled();
    }
  }

  private async ask(key: string, message: string, service: string): Promise<boolean> {
    this.asked.push(message);
    const scripted = this.scriptedAnswers.shift();
    const allow = vscode.l10n.t('Allow for this workspace');
    // The first button, which Enter presses: the answer that sends nothing.
    const dontSend = vscode.l10n.t("Don't Send");
    const answer = scripted === undefined ? await askModal(message, vscode.l10n.t('Nothing is sent unless you choose "{0}", which STS Lens remembers for this workspace until "STS Lens: Forget Allowed Endpoints".', allow), dontSend, allow) : undefined;
    const allowed = scripted ?? answer === allow;
    if (allowed) {
      await this.state.update(ALLOWED_KEY, [...new Set([...this.allowed(), key])]);
      this.log.info(`Allowed calls to ${key} for this workspace`);
    } else if (answer === dontSend) {
      // Enter answers "Don't Send": say so, so that nobody wonders whether the credentials went out (Cancel stays silent).
      // The point comes first: a notification shows one line, and a long host would push it out of sight.
      void showInfo(vscode.l10n.t('Nothing was sent. To send this {1} call to {0}, run the command again and choose "{2}".', key, service, allow));
    }
    return allowed;
  }

  allowed(): string[] {
    return this.state.get<string[]>(ALLOWED_KEY, []);
  }

  async forgetAll(): Promise<number> {
    const n = this.allowed().length;
    await this.state.update(ALLOWED_KEY, undefined);
    return n;
  }

  /** Answers the next questions without a dialog (integration tests). */
  answerNext(...answers: boolean[]): void {
    this.scriptedAnswers.push(...answers);
  }
}

/** Forget Allowed Endpoints, and the hook integration tests use to answer the question. */
export function registerEndpointCommands(extension: vscode.ExtensionContext, guard: EndpointGuard): void {
  extension.subscriptions.push(
    vscode.commands.registerCommand('stsLens.forgetAllowedEndpoints', async () => {
      const n = await guard.forgetAll();
      void showInfo(n > 1
        ? vscode.l10n.t('STS Lens will ask again before using the {0} endpoints this workspace\'s settings chose.', n)
        : n ? vscode.l10n.t('STS Lens will ask again before using the {0} endpoint this workspace\'s settings chose.', n) : vscode.l10n.t('No endpoints were allowed in this workspace.'));
      return n;
    }),
    vscode.commands.registerCommand('stsLens.internal.endpointPrompts', (answers?: boolean[]) => {
      if (answers) guard.answerNext(...answers);
      return { asked: [...guard.asked], allowed: guard.allowed() };
    }),
  );
}
