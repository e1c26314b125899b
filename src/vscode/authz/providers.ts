import * as vscode from 'vscode';
import { findEncodedMessagesAround, MAX_SCAN_LENGTH, type EncodedMessageMatch } from '../../core/authz/detect';
import type { AuthorizationExplanation } from '../../core/authz/explain';
import { renderExplanationMarkdown } from '../../core/authz/render';
import { mdText } from '../../core/markdown';
import { fitLensTitle } from '../../core/policy/insight/lensTitles';
import type { DecodedEntry, DecodeService } from './decodeService';
import { readAuthzSettings } from './settings';

export const COMMAND_DECODE_AT = 'stsLens.authz.decodeAt';
export const COMMAND_SHOW_EXPLANATION = 'stsLens.authz.showExplanation';
export const COMMAND_EXPLAIN_PROBLEM = 'stsLens.authz.explainProblem';
export const COMMAND_COPY_ALLOWING = 'stsLens.copyAllowingStatement';
export const COMMAND_FIND_IN_WORKSPACE = 'stsLens.findDeniedActionInWorkspace';
/** Registered with the console commands: signs in to the console and opens a resource ARN's page. */
export const COMMAND_OPEN_RESOURCE_IN_CONSOLE = 'stsLens.openResourceInConsole';
/** Registered by the evaluation feature; offered from the explanation. */
export const COMMAND_EVALUATE_ACCOUNT = 'stsLens.evaluateAgainstAccount';

/** Text documents the feature looks at: files and unsaved editors, in any language. */
export const AUTHZ_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];

/** Detection results per document version, shared by the CodeLens, inlay hint and hover providers. */
export class MessageIndex {
  private readonly cache = new WeakMap<vscode.TextDocument, { version: number; matches: EncodedMessageMatch[] }>();

  matches(doc: vscode.TextDocument): EncodedMessageMatch[] {
    const hit = this.cache.get(doc);
    if (hit && hit.version === doc.version) return hit.matches;
    const text = doc.getText();
    // Cheap test first: almost no document mentions encoded messages. This runs on every change of
    // the document, so a large log is searched only around the places that mention one.
    const matches = text.length <= MAX_SCAN_LENGTH && /encoded/i.test(text) ? findEncodedMessagesAround(text) : [];
    this.cache.set(doc, { version: doc.version, matches });
    return matches;
  }
}

/** A command link's address as text: vscode.l10n.t fills `{0}` only from strings and numbers. */
function commandUri(command: string, args: unknown[]): string {
  return vscode.Uri.parse(`command:${command}?${encodeURIComponent(JSON.stringify(args))}`).toString();
}

/**
 * The hover of a decoded message: its explanation, the command links, and who decoded it. The
 * identity's label (a profile name from the AWS files) and an explain error (the decoded message's
 * own text) read as themselves: this hover runs commands from its links.
 */
export function decodedHoverMarkdown(entry: Pick<DecodedEntry, 'id' | 'explanation' | 'explainError' | 'decodedAs'>): string {
  let md = entry.explanation ? renderExplanationMarkdown(entry.explanation) : mdText(vscode.l10n.t('Decoded, but not explained: {0}', entry.explainError ?? ''));
  md += `\n\n${vscode.l10n.t('[Open explanation]({0})', commandUri(COMMAND_SHOW_EXPLANATION, [entry.id]))}`;
  if (entry.explanation?.action && entry.explanation.principal?.arn) md += ` · ${vscode.l10n.t('[Evaluate against the account\'s policies]({0})', commandUri(COMMAND_EVALUATE_ACCOUNT, [{ entryId: entry.id }]))}`;
  if (entry.explanation?.action) {
    md += ` · ${vscode.l10n.t('[Copy allowing statement]({0})', commandUri(COMMAND_COPY_ALLOWING, [entry.id]))} · ${vscode.l10n.t('[Find in workspace]({0})', commandUri(COMMAND_FIND_IN_WORKSPACE, [entry.id]))}`;
  }
  return `${md}\n\n_${vscode.l10n.t('Decoded as {0}; kept in memory only.', mdText(entry.decodedAs))}_`;
}

/**
 * The verdict on the message's lens line, short so the lenses after it stay visible in a split
 * editor (a lens line is cut at the editor's width); the full summary is in the tooltip, the hover
 * and the explanation.
 */
function lensVerdict(ex: AuthorizationExplanation): string {
  const action = ex.action?.full ?? vscode.l10n.t('the request');
  // A long action name or summary would push the lenses after it past the right edge.
  if (ex.verdict === 'allowed') return fitLensTitle(vscode.l10n.t('ALLOWED {0}', action));
  if (ex.verdict === 'explicit-deny') return fitLensTitle(vscode.l10n.t('DENIED {0} (explicit deny)', action));
  if (ex.verdict === 'implicit-deny') return fitLensTitle(vscode.l10n.t('DENIED {0} (implicit deny)', action));
  return fitLensTitle(ex.summary.split(' — ')[0]);
}

const problemTitle = (problem: 'truncated' | 'too-long'): string => (problem === 'truncated' ? vscode.l10n.t('$(warning) Encoded message looks truncated') : vscode.l10n.t('$(warning) Too long to be one encoded message'));

export class AuthzCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly index: MessageIndex,
    private readonly service: DecodeService,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!readAuthzSettings().codeLens) return [];
    return this.index.matches(doc).flatMap((m) => {
      const range = new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.start));
      if (m.problem) {
        return [new vscode.CodeLens(range, { title: problemTitle(m.problem), command: COMMAND_EXPLAIN_PROBLEM, arguments: [m.problem, m.message.length] })];
      }
      const entry = this.service.get(m.message);
      if (!entry) {
        return [new vscode.CodeLens(range, { title: vscode.l10n.t('$(unlock) Decode'), tooltip: vscode.l10n.t('Decode this authorization failure message with sts:DecodeAuthorizationMessage'), command: COMMAND_DECODE_AT, arguments: [doc.uri, m.start] })];
      }
      const ex = entry.explanation;
      const summary = ex ? `${ex.verdict === 'allowed' ? '$(pass)' : '$(error)'} ${lensVerdict(ex)}` : vscode.l10n.t('$(info) Explain');
      const lenses = [new vscode.CodeLens(range, { title: summary, tooltip: ex ? vscode.l10n.t('{0}. Open the full explanation', ex.summary) : vscode.l10n.t('Open the full explanation'), command: COMMAND_SHOW_EXPLANATION, arguments: [entry.id] })];
      if (entry.explanation?.action && entry.explanation.principal?.arn) {
        lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('$(debug-alt) Evaluate Against the Account\'s Policies'), tooltip: vscode.l10n.t('Read the policies that decided this request from the account and evaluate it'), command: COMMAND_EVALUATE_ACCOUNT, arguments: [{ entryId: entry.id }] }));
      }
      if (entry.explanation?.action) {
        lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Copy Allowing Statement'), command: COMMAND_COPY_ALLOWING, arguments: [entry.id] }));
        lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Find in Workspace'), command: COMMAND_FIND_IN_WORKSPACE, arguments: [entry.id] }));
      }
      return lenses;
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * The one-line summary after each decoded message, at the end of its last line. A decoration
 * rather than an inlay hint: inlay hints are cut at `editor.inlayHints.maximumLength` (43
 * characters by default), which would hide the part that says why.
 */
export class InlineSummaryDecorator implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: {
      color: new vscode.ThemeColor('editorInlayHint.foreground'),
      backgroundColor: new vscode.ThemeColor('editorInlayHint.background'),
      margin: '0 0 0 1.5em',
      fontStyle: 'italic',
    },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  /** What is drawn in each document, for the hidden inspection command and tests. */
  private readonly applied = new Map<string, { line: number; text: string }[]>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly index: MessageIndex,
    private readonly service: DecodeService,
  ) {
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (vscode.window.visibleTextEditors.some((ed) => ed.document === e.document)) this.refreshSoon();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.applied.delete(d.uri.toString())),
    );
  }

  summaries(uri: vscode.Uri): readonly { line: number; text: string }[] {
    return this.applied.get(uri.toString()) ?? [];
  }

  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 200);
  }

  refresh(): void {
    const enabled = readAuthzSettings().inlineSummary;
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = editor.document;
      if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') continue;
      const options: vscode.DecorationOptions[] = [];
      const drawn: { line: number; text: string }[] = [];
      if (enabled && this.service.size > 0) {
        for (const m of this.index.matches(doc)) {
          const entry = this.service.get(m.message);
          if (!entry) continue;
          const line = doc.positionAt(m.end).line;
          if (drawn.some((d) => d.line === line)) continue;
          const text = entry.explanation?.summary ?? vscode.l10n.t('Decoded: not an authorization status (open the explanation)');
          const end = doc.lineAt(line).range.end;
          // No hoverMessage: the hover provider already explains the message, summary included.
          options.push({ range: new vscode.Range(end, end), renderOptions: { after: { contentText: text } } });
          drawn.push({ line, text });
        }
      }
      editor.setDecorations(this.type, options);
      if (drawn.length) this.applied.set(doc.uri.toString(), drawn);
      else this.applied.delete(doc.uri.toString());
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.type.dispose();
    this.applied.clear();
  }
}

export class AuthzHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly index: MessageIndex,
    private readonly service: DecodeService,
  ) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const offset = doc.offsetAt(pos);
    const m = this.index.matches(doc).find((x) => x.segments.some((s) => offset >= s.start && offset <= s.end));
    if (!m) return undefined;
    const segment = m.segments.find((s) => offset >= s.start && offset <= s.end)!;
    const range = new vscode.Range(doc.positionAt(segment.start), doc.positionAt(segment.end));
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [COMMAND_DECODE_AT, COMMAND_SHOW_EXPLANATION, COMMAND_COPY_ALLOWING, COMMAND_FIND_IN_WORKSPACE, COMMAND_EVALUATE_ACCOUNT] };
    if (m.problem === 'truncated') {
      md.appendMarkdown(vscode.l10n.t('**Encoded authorization failure message, truncated** ({0} characters). Copy the whole message from the original output; STS cannot decode part of one.', m.message.length));
      return new vscode.Hover(md, range);
    }
    const entry = this.service.get(m.message);
    if (!entry) {
      md.appendMarkdown(`${m.segments.length > 1 ? vscode.l10n.t('**Encoded authorization failure message** ({0} characters), wrapped over {1} lines.', m.message.length, m.segments.length) : vscode.l10n.t('**Encoded authorization failure message** ({0} characters).', m.message.length)}\n\n`);
      md.appendMarkdown(vscode.l10n.t('[$(unlock) Decode]({0}) with sts:DecodeAuthorizationMessage', commandUri(COMMAND_DECODE_AT, [doc.uri.toString(), m.start])));
      return new vscode.Hover(md, range);
    }
    md.appendMarkdown(decodedHoverMarkdown(entry));
    return new vscode.Hover(md, range);
  }
}
