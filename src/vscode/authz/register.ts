import * as vscode from 'vscode';
import { distinctMessages, findEncodedMessages, findEncodedMessagesAround, messagesInSelection, type EncodedMessageMatch } from '../../core/authz/detect';
import type { DecodeFailureAction } from '../../core/authz/decodeErrors';
import type { IdentityService, StsLensContext } from '../context';
import { DecodeService, type DecodeOutcome, type DecodedEntry } from './decodeService';
import { EXPLANATION_LANGUAGE, EXPLANATION_SCHEME, ExplanationView, entryIdOf } from './explanationView';
import { findPolicyMentions, type PolicyMention } from './findInWorkspace';
import {
  AUTHZ_SELECTOR,
  AuthzCodeLensProvider,
  AuthzHoverProvider,
  InlineSummaryDecorator,
  COMMAND_COPY_ALLOWING,
  COMMAND_DECODE_AT,
  COMMAND_EXPLAIN_PROBLEM,
  COMMAND_FIND_IN_WORKSPACE,
  COMMAND_SHOW_EXPLANATION,
  MessageIndex,
} from './providers';
import { showError, showInfo, showWarning } from '../output';
import type { AwsFilesSource } from '../profiles/profilesStore';

export const COMMAND_DECODE = 'stsLens.decodeAuthorizationMessage';
export const COMMAND_DECODE_AS = 'stsLens.decodeAuthorizationMessageAs';
export const COMMAND_DECODE_TERMINAL = 'stsLens.decodeTerminalSelection';
export const COMMAND_DECODE_TERMINAL_LATEST = 'stsLens.decodeLatestInTerminal';
export const COMMAND_FORGET = 'stsLens.forgetDecodedMessages';
export const COMMAND_INLINE_SUMMARIES = 'stsLens.authz.inlineSummaries';

/** Arguments tests and other commands may pass instead of a selection. */
interface DecodeArgs {
  readonly text?: string;
  readonly profile?: string;
  /** Skip opening the explanation (tests and CodeLens-driven flows that only want the hint). */
  readonly quiet?: boolean;
}

/** What a decode command returns, for tests and callers. */
export interface DecodeCommandResult {
  readonly ok: boolean;
  readonly summary?: string;
  readonly verdict?: string;
  readonly entryId?: number;
  readonly error?: string;
  readonly kind?: string;
}

function isDecodeArgs(a: unknown): a is DecodeArgs {
  return typeof a === 'object' && a !== null && !(a instanceof vscode.Uri) && ('text' in a || 'profile' in a || 'quiet' in a);
}

/** Decoding and explaining encoded authorization failure messages. */
export function registerAuthzFeature(ctx: StsLensContext, identity: IdentityService, awsFiles: AwsFilesSource): DecodeService {
  const subs = ctx.extension.subscriptions;
  const service = new DecodeService(ctx, identity, awsFiles);
  const index = new MessageIndex();
  const codeLens = new AuthzCodeLensProvider(index, service);
  const summaries = new InlineSummaryDecorator(index, service);
  const view = new ExplanationView(ctx, service);
  subs.push(
    service,
    codeLens,
    summaries,
    view,
    vscode.languages.registerCodeLensProvider(AUTHZ_SELECTOR, codeLens),
    vscode.languages.registerHoverProvider(AUTHZ_SELECTOR, new AuthzHoverProvider(index, service)),
    vscode.workspace.registerTextDocumentContentProvider(EXPLANATION_SCHEME, view),
    vscode.languages.registerFoldingRangeProvider({ scheme: EXPLANATION_SCHEME }, view),
    vscode.languages.registerCodeLensProvider({ scheme: EXPLANATION_SCHEME }, view),
    service.onDidChange(() => {
      codeLens.refresh();
      summaries.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('stsLens.authz')) {
        codeLens.refresh();
        summaries.refresh();
      }
    }),
  );

  const entryFrom = (arg: unknown): DecodedEntry | undefined => {
    if (typeof arg === 'number') return service.byEntryId(arg);
    if (typeof arg === 'object' && arg !== null && typeof (arg as { entryId?: unknown }).entryId === 'number') return service.byEntryId((arg as { entryId: number }).entryId);
    const uri = vscode.window.activeTextEditor?.document.uri;
    const id = uri ? entryIdOf(uri) : undefined;
    return id === undefined ? undefined : service.byEntryId(id);
  };

  /** Shows a failure with buttons that lead somewhere. */
  const reportFailure = async (outcome: Extract<DecodeOutcome, { ok: false }>, retry: () => Thenable<unknown>, message: string): Promise<void> => {
    if (outcome.kind === 'cancelled') return;
    const labels: Record<DecodeFailureAction, string> = { pickProfile: vscode.l10n.t('Decode as Another Profile…'), retry: vscode.l10n.t('Retry'), showLog: vscode.l10n.t('Show Log'), openSettings: vscode.l10n.t('Open Settings') };
    const choice = await showError(outcome.message, ...outcome.actions.map((a) => labels[a]));
    if (choice === labels.pickProfile) await vscode.commands.executeCommand(COMMAND_DECODE_AS, { text: message });
    else if (choice === labels.retry) await retry();
    else if (choice === labels.showLog) ctx.log.show();
    else if (choice === labels.openSettings) await vscode.commands.executeCommand('workbench.action.openSettings', 'stsLens.authz');
  };

  const decodeOne = async (match: EncodedMessageMatch, opts: { profile?: string; choose?: boolean; quiet?: boolean }): Promise<DecodeCommandResult> => {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Decoding the authorization failure message…'), cancellable: true },
      (_p, token) => service.decode({ message: match.message, profile: opts.profile, choose: opts.choose, statedDenial: match.statedDenial }, token),
    );
    if (!outcome.ok) {
      void reportFailure(outcome, () => decodeOne(match, opts), match.message);
      return { ok: false, error: outcome.message, kind: outcome.kind };
    }
    const entry = outcome.entry;
    if (!opts.quiet) {
      await view.show(entry);
      // Editors re-read CodeLenses late when another editor opens beside them at the same moment.
      codeLens.refresh();
    }
    return { ok: true, summary: entry.explanation?.summary, verdict: entry.explanation?.verdict, entryId: entry.id };
  };

  /** Finds the message(s) in `text`, asks which one when there are several, and decodes it. */
  const decodeText = async (text: string, source: string, opts: { profile?: string; choose?: boolean; quiet?: boolean }): Promise<DecodeCommandResult> => {
    const found = messagesInSelection(text);
    if (!found.ok) {
      void showError(`${source}: ${found.detail}`);
      return { ok: false, error: found.detail, kind: found.reason };
    }
    const distinct = distinctMessages(found.messages);
    const usable = distinct.filter((m) => !m.problem);
    if (usable.length === 0) {
      const m = distinct[0];
      const detail = m.problem === 'too-long'
        ? vscode.l10n.t('the message is {0} characters, more than the 10,240 STS accepts; the selection probably runs into other text.', m.message.length.toLocaleString('en-US'))
        : vscode.l10n.t('the message looks truncated ({0} characters; complete ones have several hundred). Copy the whole message from the original output.', m.message.length);
      void showError(`${source}: ${detail}`);
      return { ok: false, error: detail, kind: m.problem };
    }
    let chosen = usable[0];
    if (usable.length > 1) {
      const pick = await vscode.window.showQuickPick(
        usable.map((m, i) => ({ label: vscode.l10n.t('Message {0}', i + 1), description: vscode.l10n.t('{0}… ({1} characters)', m.message.slice(0, 24), m.message.length), detail: service.get(m.message)?.explanation?.summary, m })),
        { title: vscode.l10n.t('{0} encoded messages found: which one?', usable.length) },
      );
      if (!pick) return { ok: false, kind: 'cancelled' };
      chosen = pick.m;
    }
    return decodeOne(chosen, opts);
  };

  const decodeFromPalette = async (arg: unknown, choose: boolean): Promise<DecodeCommandResult> => {
    if (isDecodeArgs(arg) && arg.text !== undefined) return decodeText(arg.text, vscode.l10n.t('Decode'), { profile: arg.profile, choose, quiet: arg.quiet });
    const opts = { profile: isDecodeArgs(arg) ? arg.profile : undefined, choose, quiet: isDecodeArgs(arg) ? arg.quiet : undefined };
    const editor = vscode.window.activeTextEditor;
    if (editor && !editor.selection.isEmpty) {
      return decodeText(editor.document.getText(editor.selection), vscode.l10n.t('Selection'), opts);
    }
    const clip = await vscode.env.clipboard.readText();
    if (clip.trim() && messagesInSelection(clip).ok) return decodeText(clip, vscode.l10n.t('Clipboard'), opts);
    const typed = await vscode.window.showInputBox({
      title: vscode.l10n.t('Decode Authorization Message'),
      prompt: vscode.l10n.t('Paste the encoded message, or the whole error line that contains it'),
      placeHolder: vscode.l10n.t('Encoded authorization failure message: …'),
      ignoreFocusOut: true,
    });
    if (!typed) return { ok: false, kind: 'cancelled' };
    return decodeText(typed, vscode.l10n.t('Input'), opts);
  };

  const reg = (id: string, fn: (...args: unknown[]) => unknown) => subs.push(vscode.commands.registerCommand(id, fn));

  reg(COMMAND_DECODE, (arg) => decodeFromPalette(arg, false));
  reg(COMMAND_DECODE_AS, (arg) => decodeFromPalette(arg, !(isDecodeArgs(arg) && arg.profile)));

  reg(COMMAND_DECODE_TERMINAL, async (arg) => {
    const o = isDecodeArgs(arg) ? arg : {};
    const selected = await terminalText(false);
    if (!selected.trim()) {
      void showError(vscode.l10n.t('Select the encoded message (or the error line) in the terminal first, or run Decode Latest Authorization Message in Terminal.'));
      return { ok: false, kind: 'empty' } satisfies DecodeCommandResult;
    }
    return decodeText(selected, vscode.l10n.t('Terminal selection'), { profile: o.profile, quiet: o.quiet });
  });

  reg(COMMAND_DECODE_TERMINAL_LATEST, async (arg) => {
    const o = isDecodeArgs(arg) ? arg : {};
    // The latest complete message in the active terminal (its scrollback, as the terminal keeps it).
    const all = await terminalText(true);
    const latest = all ? findEncodedMessagesAround(all).filter((m) => !m.problem).pop() : undefined;
    if (!latest) {
      void showError(vscode.l10n.t('No encoded authorization failure message was found in this terminal. Select one (or the error line that holds it), then run Decode Authorization Message from the context menu.'));
      return { ok: false, kind: 'empty' } satisfies DecodeCommandResult;
    }
    return decodeText(all.slice(latest.anchorStart, latest.end), vscode.l10n.t('Terminal (latest message)'), { profile: o.profile, quiet: o.quiet });
  });

  // Ctrl/Cmd+click on a message in a terminal decodes it (VS Code offers links on lines up to 2,000 characters).
  subs.push(vscode.window.registerTerminalLinkProvider({
    provideTerminalLinks: (context) => findEncodedMessages(context.line).filter((m) => !m.problem).map((m) => ({
      startIndex: m.start,
      length: m.end - m.start,
      tooltip: vscode.l10n.t('Decode authorization failure message (STS Lens)'),
      text: context.line.slice(m.anchorStart, m.end),
    }) satisfies MessageLink),
    handleTerminalLink: (link) => void decodeText((link as MessageLink).text, vscode.l10n.t('Terminal'), {}),
  }));

  reg(COMMAND_DECODE_AT, async (uriArg, offsetArg, extra) => {
    const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : (uriArg as vscode.Uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const offset = Number(offsetArg);
    const match = index.matches(doc).find((m) => m.start === offset) ?? index.matches(doc).find((m) => offset >= m.anchorStart && offset <= m.end);
    if (!match) {
      void showError(vscode.l10n.t('The encoded message is no longer at that place in the document. Run Decode Authorization Message on a selection instead.'));
      return { ok: false, kind: 'not-found' } satisfies DecodeCommandResult;
    }
    // The result shows where the message is (CodeLens, inline summary, hover); the summary lens opens the full view.
    const o = isDecodeArgs(extra) ? extra : {};
    return decodeOne(match, { profile: o.profile, quiet: o.quiet ?? true });
  });

  reg(COMMAND_EXPLAIN_PROBLEM, (problem, length) => {
    const text = problem === 'too-long'
      ? vscode.l10n.t('This run of characters is {0} long, more than the 10,240 STS accepts, so it is not one encoded message.', Number(length).toLocaleString('en-US'))
      : vscode.l10n.t('This encoded authorization failure message looks truncated ({0} characters). STS cannot decode part of one: copy the whole message from the original output, or rerun the command with output that is not cut short.', Number(length));
    void showWarning(text);
  });

  reg(COMMAND_SHOW_EXPLANATION, async (arg) => {
    const entry = entryFrom(arg);
    if (!entry) {
      void showError(vscode.l10n.t('That decoded message is no longer in memory. Decode it again.'));
      return undefined;
    }
    const editor = await view.show(entry);
    return editor.document.uri.toString();
  });

  reg(COMMAND_COPY_ALLOWING, async (arg) => {
    const entry = entryFrom(arg);
    if (!entry?.explanation) {
      void showError(vscode.l10n.t('Open the explanation of a decoded message first: Copy Allowing Statement works on it.'));
      return undefined;
    }
    const offered = await view.allowingStatement(entry);
    if (!offered) {
      void showError(vscode.l10n.t('The decoded message names no action, so no statement can be built from it.'));
      return undefined;
    }
    await vscode.env.clipboard.writeText(offered.statementText);
    const warnings = [
      ...(offered.actionKnown ? [] : [vscode.l10n.t('the IAM reference does not know this action')]),
      ...(offered.dropped.length ? [vscode.l10n.t('left out {0}', offered.dropped.join(', '))] : []),
      ...(entry.explanation.verdict === 'explicit-deny' ? [vscode.l10n.t('an explicit Deny still overrides it')] : []),
    ];
    const action = entry.explanation.action?.full ?? vscode.l10n.t('the action');
    const resource = entry.explanation.resource?.raw ?? '*';
    void showInfo(warnings.length ? vscode.l10n.t('Copied a statement allowing {0} on {1} ({2}).', action, resource, warnings.join('; ')) : vscode.l10n.t('Copied a statement allowing {0} on {1}.', action, resource));
    return offered.statementText;
  });

  reg(COMMAND_FIND_IN_WORKSPACE, async (arg) => {
    const entry = entryFrom(arg);
    if (!entry?.explanation) {
      void showError(vscode.l10n.t('Open the explanation of a decoded message first: Find in Workspace searches for its action and statements.'));
      return [];
    }
    const ex = entry.explanation;
    const mentions = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Searching the workspace for {0}', ex.action?.full ?? vscode.l10n.t('the action')) },
      () => findPolicyMentions(ex),
    );
    const quiet = isDecodeArgs(arg) ? arg.quiet : false;
    if (mentions.length === 0) {
      if (!quiet) void showInfo(vscode.l10n.t('No file in the workspace mentions {0}. The policy may live in another repository, in the account, or in an organization SCP.', [ex.action?.full, ...ex.matchedStatements.map((s) => s.sid)].filter(Boolean).join(vscode.l10n.t(' or '))));
      return [];
    }
    if (!quiet) void showMentions(mentions, ex.action?.full ?? vscode.l10n.t('the action'));
    return mentions.map((m) => ({ file: vscode.workspace.asRelativePath(m.uri), line: m.line, kind: m.kind, term: m.term }));
  });

  // Hidden: what the inline summaries show in a document (their text is not readable through the API).
  reg(COMMAND_INLINE_SUMMARIES, (uri) => summaries.summaries(typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri as vscode.Uri)));

  reg(COMMAND_FORGET, () => {
    const n = service.size;
    service.clear();
    void showInfo(n > 1 ? vscode.l10n.t('Forgot {0} decoded messages.', n) : n ? vscode.l10n.t('Forgot {0} decoded message.', n) : vscode.l10n.t('No decoded messages were in memory.'));
  });

  ctx.log.debug(`Authorization message decoding ready (explanation language ${EXPLANATION_LANGUAGE})`);
  return service;
}

async function showMentions(mentions: readonly PolicyMention[], action: string): Promise<void> {
  const kindLabel = { sid: vscode.l10n.t('Sid'), action: vscode.l10n.t('action'), wildcard: vscode.l10n.t('wildcard') };
  const pick = await vscode.window.showQuickPick(
    mentions.map((m) => ({
      label: `$(file) ${vscode.workspace.asRelativePath(m.uri)}:${m.line + 1}`,
      description: `${kindLabel[m.kind]} ${m.term}`,
      detail: m.preview,
      m,
    })),
    { title: vscode.l10n.t('Policy files mentioning {0} or a matched statement', action), matchOnDescription: true, matchOnDetail: true },
  );
  if (!pick) return;
  const doc = await vscode.workspace.openTextDocument(pick.m.uri);
  const pos = new vscode.Position(pick.m.line, pick.m.column);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
}

/** A link on an encoded message in a terminal: the text from its anchor to its end. */
interface MessageLink extends vscode.TerminalLink {
  readonly text: string;
}

/**
 * The active terminal's selection, or (`all`) its whole buffer. The stable API has no
 * Terminal.selection: the text goes through the clipboard, which is put back at once.
 */
async function terminalText(all: boolean): Promise<string> {
  const before = await vscode.env.clipboard.readText();
  try {
    await vscode.env.clipboard.writeText('');
    if (all) await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
    await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
    if (all) await vscode.commands.executeCommand('workbench.action.terminal.clearSelection');
    return await vscode.env.clipboard.readText();
  } finally {
    await vscode.env.clipboard.writeText(before);
  }
}
