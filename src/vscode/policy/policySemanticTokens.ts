import * as vscode from 'vscode';
import { policySemanticTokens } from '../../core/policy/highlight/semanticTokens';
import { MAX_POLICY_TOKENS, POLICY_TOKEN_TYPES } from '../../core/policy/highlight/tokenTypes';
import type { PolicyRegion } from '../../core/policy/insight';
import type { PolicyDocuments } from './policyDocuments';

/** The token types in the order core/policy/highlight numbers them; package.json maps each to TextMate scopes. */
export const POLICY_TOKENS_LEGEND = new vscode.SemanticTokensLegend([...POLICY_TOKEN_TYPES], []);

const TYPE_INDEX = new Map<string, number>(POLICY_TOKEN_TYPES.map((t, i) => [t, i]));

/**
 * Highlights the policies of a document (JSON files, and the policies in CloudFormation and
 * Terraform templates) with semantic tokens, inside their regions only: other JSON files get none,
 * and no grammar is injected into VS Code's JSON tokenizer. A range request scans a region only up
 * to the range's end and keeps the tokens inside it.
 */
export class PolicySemanticTokensProvider implements vscode.DocumentSemanticTokensProvider, vscode.DocumentRangeSemanticTokensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeSemanticTokens = this.changed.event;

  constructor(private readonly docs: PolicyDocuments) {
    // Settings (stsLens.policy.enabled, files) decide which documents hold policies.
    this.subscription = docs.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  provideDocumentSemanticTokens(doc: vscode.TextDocument, cancel: vscode.CancellationToken): vscode.SemanticTokens | undefined {
    return this.tokens(doc, 0, Number.MAX_SAFE_INTEGER, cancel);
  }

  provideDocumentRangeSemanticTokens(doc: vscode.TextDocument, range: vscode.Range, cancel: vscode.CancellationToken): vscode.SemanticTokens | undefined {
    return this.tokens(doc, doc.offsetAt(range.start), doc.offsetAt(range.end), cancel);
  }

  private tokens(doc: vscode.TextDocument, hostStart: number, hostEnd: number, cancel: vscode.CancellationToken): vscode.SemanticTokens | undefined {
    const builder = new vscode.SemanticTokensBuilder(POLICY_TOKENS_LEGEND);
    let budget = MAX_POLICY_TOKENS;
    let host: string | undefined;
    for (const region of this.docs.regions(doc)) {
      if (region.end <= hostStart || region.start >= hostEnd || budget <= 0) continue;
      const [start, end] = textRange(region, hostStart, hostEnd);
      const r = policySemanticTokens(region.text, { start, end, maxTokens: budget, isCancelled: () => cancel.isCancellationRequested });
      if (r.cancelled || cancel.isCancellationRequested) return undefined;
      budget -= r.tokens.length;
      for (const t of r.tokens) {
        const from = region.toHostOffset(t.offset);
        const to = region.toHostEnd(t.offset + t.length);
        if (from < hostStart || from >= hostEnd || to <= from) continue;
        // Text translated from YAML or HCL: only where the host holds the same characters (a quoted scalar's escapes differ).
        if (!region.editable && (host ??= doc.getText()).slice(from, to) !== region.text.slice(t.offset, t.offset + t.length)) continue;
        const p = doc.positionAt(from);
        const q = doc.positionAt(to);
        if (p.line !== q.line) continue;
        builder.push(p.line, p.character, to - from, TYPE_INDEX.get(t.type) ?? 0, 0);
      }
    }
    return builder.build();
  }
}

/** The part of the region's text to scan for a host range: all of it for translated text, whose offsets do not map linearly. */
function textRange(region: PolicyRegion, hostStart: number, hostEnd: number): [number, number] {
  if (!region.editable) return [0, region.text.length];
  return [Math.max(0, hostStart - region.start), Math.min(region.text.length, hostEnd - region.start)];
}
