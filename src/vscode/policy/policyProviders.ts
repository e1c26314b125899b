import * as vscode from 'vscode';
import type { GroupedDiagnostic } from './policyDiagnostics';
import { mdCode, mdText } from '../../core/markdown';
import { parsePolicy } from '../../core/policy';
import type { Finding } from '../../core/policy/types';
import { completionsAt, hoverAt, quickFixesFor, statementLensTitle, summarizeStatements, summarizeTrust, trustLensTitle, type CompletionKind, type PolicyRegion, type TextEdit } from '../../core/policy/insight';
import { fixTitleText } from '../fixTitleText';
import { DIAGNOSTIC_SOURCE } from './policyDiagnostics';
import { PolicyDocuments, policyTypeLabel } from './policyDocuments';

export const SHOW_LIST_COMMAND = 'stsLens.policy.showList';
export const SET_TYPE_COMMAND = 'stsLens.policy.setPolicyType';
export const VALIDATE_COMMAND = 'stsLens.policy.validateWithAccessAnalyzer';

/** Lenses above each statement (what it grants) and at the top (policy type, who can assume, remote validation). */
export class PolicyCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly docs: PolicyDocuments) {}

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const regions = this.docs.regions(doc);
    if (!regions.length) return [];
    await this.docs.ensureServices(regions.map((r) => r.text));
    if (token.isCancellationRequested) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const region of regions) {
      const policy = parsePolicy(region.text);
      const { type, overridden } = this.docs.policyTypeOf(doc, region);
      const top = PolicyDocuments.range(doc, region, 0, 0);
      lenses.push(new vscode.CodeLens(top, { title: overridden ? policyTypeLabel(type) : vscode.l10n.t('{0} (detected)', policyTypeLabel(type)), tooltip: vscode.l10n.t('Change the policy type this file is checked as'), command: SET_TYPE_COMMAND, arguments: [doc.uri] }));
      if (type === 'TRUST_POLICY') {
        const trust = summarizeTrust(policy);
        // Above "Statement", not on the top line: with Simulate Request, Who Can Assume, the type and
        // Validate, the top line would run past the right edge at 1400×900.
        const statementKey = policy.statement ? PolicyDocuments.range(doc, region, policy.statement.keyNode.offset, policy.statement.keyNode.offset) : top;
        lenses.push(new vscode.CodeLens(statementKey, {
          title: trustLensTitle(trust),
          tooltip: vscode.l10n.t('{0}. Show who can assume this role', trust.text),
          command: SHOW_LIST_COMMAND,
          arguments: [vscode.l10n.t('Who can assume this role'), trust.principals.map((p) => ({ label: p.label, description: p.conditioned ? vscode.l10n.t('with conditions') : vscode.l10n.t('no condition'), detail: `${p.kind}: ${p.value}` }))],
        }));
      }
      lenses.push(new vscode.CodeLens(top, { title: vscode.l10n.t('Validate with IAM Access Analyzer'), tooltip: vscode.l10n.t('Send this policy to IAM Access Analyzer ValidatePolicy with the active AWS identity'), command: VALIDATE_COMMAND, arguments: [doc.uri, region.start] }));
      for (const s of summarizeStatements(policy, this.docs.catalog)) {
        const range = PolicyDocuments.range(doc, region, s.offset, s.offset);
        const items = [
          ...s.actions.map((a) => ({ label: `${a.service}:${a.name}`, description: a.accessLevel, detail: a.description })),
          ...s.unexpanded.map((u) => ({ label: u, description: u === '*' ? vscode.l10n.t('every action') : vscode.l10n.t('not expanded'), detail: u === '*' ? vscode.l10n.t('Every action of every service') : vscode.l10n.t('Unknown service or action, or data not available') })),
        ];
        lenses.push(new vscode.CodeLens(range, {
          // The full summary (levels, resources, principals) is in the tooltip and the list it opens.
          title: statementLensTitle(s),
          tooltip: vscode.l10n.t('{0}. Show the actions this statement covers', `${s.sid ? `${s.sid}: ` : ''}${s.text}`),
          command: SHOW_LIST_COMMAND,
          arguments: [s.notAction ? vscode.l10n.t('Actions excluded by statement {0}', s.sid ?? s.index + 1) : vscode.l10n.t('Actions of statement {0}', s.sid ?? s.index + 1), items],
        }));
      }
    }
    return lenses;
  }
}

/** A learn-more link that can only be a plain web link: an address with anything else is shown as code. */
const WEB_LINK = /^https:\/\/[^\s()<>[\]`\\]+$/;

/**
 * The findings under a policy hover, as Markdown. Their codes, links and details may come from IAM
 * Access Analyzer: each reads as itself, and a link is made only from a plain https address.
 */
export function findingsMarkdown(groups: readonly { readonly members: readonly { readonly finding: Pick<Finding, 'issueCode' | 'learnMoreLink' | 'findingDetails'> }[] }[]): string {
  let md = '';
  for (const g of groups) {
    md += `\n\n---\n\n**${vscode.l10n.t('{0} findings here', g.members.length)}**\n\n`;
    for (const { finding: f } of g.members) {
      const code = WEB_LINK.test(f.learnMoreLink) ? `[${mdCode(f.issueCode)}](${f.learnMoreLink})` : mdCode(f.issueCode);
      md += `- ${code}: ${mdText(f.findingDetails)}\n`;
    }
  }
  return md;
}

export class PolicyHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly docs: PolicyDocuments,
    /** Findings grouped into one entry at a place, listed after the documentation. */
    private readonly groupsAt?: (uri: vscode.Uri, position: vscode.Position) => readonly GroupedDiagnostic[],
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const offset = doc.offsetAt(position);
    const region = this.docs.regionAt(doc, offset);
    if (!region) return undefined;
    await this.docs.ensureServices([region.text]);
    if (token.isCancellationRequested) return undefined;
    const inner = region.fromHostOffset(offset);
    if (inner === undefined) return undefined;
    const hover = hoverAt(region.text, inner, this.docs.catalog);
    if (!hover) return undefined;
    const md = new vscode.MarkdownString(hover.markdown + findingsMarkdown(this.groupsAt?.(doc.uri, position) ?? []));
    return new vscode.Hover(md, PolicyDocuments.range(doc, region, hover.start, hover.end));
  }
}

const COMPLETION_KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  service: vscode.CompletionItemKind.Module,
  action: vscode.CompletionItemKind.Function,
  operator: vscode.CompletionItemKind.Operator,
  conditionKey: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  arn: vscode.CompletionItemKind.Reference,
  element: vscode.CompletionItemKind.Keyword,
};

export class PolicyCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly docs: PolicyDocuments) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    const offset = doc.offsetAt(position);
    const region = this.docs.regionAt(doc, offset);
    // Completions insert JSON text, so translated YAML/HCL policies get none.
    const inner = region?.editable ? region.fromHostOffset(offset) : undefined;
    if (!region || inner === undefined) return undefined;
    await this.docs.ensureServices([region.text]);
    if (token.isCancellationRequested) return undefined;
    const result = completionsAt(region.text, inner, this.docs.catalog);
    if (!result) return undefined;
    const range = PolicyDocuments.range(doc, region, result.start, result.end);
    const items = result.entries.map((e) => {
      const item = new vscode.CompletionItem(e.label, COMPLETION_KINDS[e.kind]);
      item.insertText = e.snippet ? new vscode.SnippetString(e.insertText) : e.insertText;
      item.range = range;
      item.detail = e.detail;
      if (e.documentation) item.documentation = new vscode.MarkdownString(e.documentation);
      if (e.sortText) item.sortText = e.sortText;
      if (e.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: vscode.l10n.t('Suggest actions') };
      return item;
    });
    return new vscode.CompletionList(items, false);
  }
}

export class PolicyCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly docs: PolicyDocuments) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!ours.length) return [];
    const actions: vscode.CodeAction[] = [];
    // The findings of the last lint of this version; after an edit the fixes come back with the next lint.
    const hostText = doc.getText();
    for (const { region, findings } of this.docs.latest(doc) ?? []) {
      for (const f of findings) {
        const span = f.locations[0]?.span;
        const range = span ? PolicyDocuments.range(doc, region, span.start.offset, span.end.offset) : PolicyDocuments.range(doc, region, 0, 0);
        const diagnostic = ours.find((d) => codeOf(d) === f.issueCode && d.range.isEqual(range));
        if (!diagnostic) continue;
        for (const fix of quickFixesFor(region.text, f)) {
          if (!region.editable && !fix.edits.every((e) => replacesSameScalar(hostText, region, e))) continue;
          const action = new vscode.CodeAction(fixTitleText(fix.title), vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = fix.isPreferred;
          const edit = new vscode.WorkspaceEdit();
          for (const e of fix.edits) edit.replace(doc.uri, PolicyDocuments.range(doc, region, e.offset, e.offset + e.length), e.content);
          action.edit = edit;
          actions.push(action);
        }
      }
    }
    return actions;
  }
}

/**
 * In a translated (YAML or HCL) policy, an edit is safe only when it replaces one string whose
 * source is that same string: a JSON-quoted string, a plain YAML scalar or a single-quoted one.
 */
function replacesSameScalar(hostText: string, region: PolicyRegion, e: TextEdit): boolean {
  const json = region.text.slice(e.offset, e.offset + e.length);
  if (!json.startsWith('"') || !e.content.startsWith('"')) return false;
  const host = hostText.slice(region.toHostOffset(e.offset), region.toHostEnd(e.offset + e.length));
  if (!host) return false;
  if (host === json || `"${host}"` === json) return true;
  return host.startsWith("'") && host.endsWith("'") && JSON.stringify(host.slice(1, -1).replace(/''/g, "'")) === json;
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  if (typeof d.code === 'object' && d.code) return String(d.code.value);
  return d.code === undefined ? undefined : String(d.code);
}
