import * as vscode from 'vscode';
import { policySemanticTokens, type ScanCheckpoint } from '../../core/policy/highlight/semanticTokens';
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
 * to the range's end, from the last checkpoint before the range that a scan of the same document
 * version left (else from the region's start), and keeps the tokens inside it.
 */
export class PolicySemanticTokensProvider implements vscode.DocumentSemanticTokensProvider, vscode.DocumentRangeSemanticTokensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Scan checkpoints per document region, for the version they were taken of; the most recent few documents only. */
  private readonly checkpoints = new Map<string, { doc: vscode.TextDocument; version: number; list: ScanCheckpoint[] }>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeSemanticTokens = this.changed.event;

  constructor(private readonly docs: PolicyDocuments) {
    // Settings (stsLens.policy.enabled, files) decide which documents hold policies.
    this.subscription = docs.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.checkpoints.clear();
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
      const saved = this.savedCheckpoints(doc, region);
      const resume = saved && lastAtOrBefore(saved, start);
      // A scan from the top records checkpoints, unless those of this version already reach further.
      const record = !resume && (!saved || end > (saved[saved.length - 1]?.offset ?? 0));
      const r = policySemanticTokens(region.text, { start, end, maxTokens: budget, isCancelled: () => cancel.isCancellationRequested, resume, checkpoints: record ? this.newCheckpoints(doc, region) : undefined });
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

  private savedCheckpoints(doc: vscode.TextDocument, region: PolicyRegion): readonly ScanCheckpoint[] | undefined {
    const saved = this.checkpoints.get(`${doc.uri.toString()}#${region.start}`);
    return saved && saved.doc === doc && saved.version === doc.version ? saved.list : undefined;
  }

  /** A fresh list for this scan to fill (a scan from the region's start), replacing older ones. */
  private newCheckpoints(doc: vscode.TextDocument, region: PolicyRegion): ScanCheckpoint[] {
    const key = `${doc.uri.toString()}#${region.start}`;
    const list: ScanCheckpoint[] = [];
    this.checkpoints.delete(key);
    this.checkpoints.set(key, { doc, version: doc.version, list });
    while (this.checkpoints.size > MAX_DOCUMENTS_WITH_CHECKPOINTS) this.checkpoints.delete(this.checkpoints.keys().next().value as string);
    return list;
  }
}

const MAX_DOCUMENTS_WITH_CHECKPOINTS = 16;

/** The last checkpoint at or before `offset` (checkpoints are in order), or undefined. */
function lastAtOrBefore(list: readonly ScanCheckpoint[], offset: number): ScanCheckpoint | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].offset <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1] : undefined;
}

/** The part of the region's text to scan for a host range: all of it for translated text, whose offsets do not map linearly. */
function textRange(region: PolicyRegion, hostStart: number, hostEnd: number): [number, number] {
  if (!region.editable) return [0, region.text.length];
  return [Math.max(0, hostStart - region.start), Math.min(region.text.length, hostEnd - region.start)];
}
