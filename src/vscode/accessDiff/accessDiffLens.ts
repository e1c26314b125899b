import * as vscode from 'vscode';
import { diffSummary } from '../../core/evaluation/access';
import type { AccessSinceHead } from './accessSinceHead';

export const COMMAND_SHOW_ACCESS_DIFF = 'stsLens.showAccessDiff';

/** Arguments of the Show Access Diff command: the document and which of its policies. */
export interface ShowAccessDiffArgs {
  uri?: string;
  regionStart?: number;
}

/** The lens title: "Access since HEAD: +3 actions, −1", or for trust policies the principals that changed. */
export function lensTitle(summary: string, trust?: { now: string[]; before: string[] }): string {
  if (trust) {
    const before = new Set(trust.before);
    const now = new Set(trust.now);
    const added = trust.now.filter((w) => !before.has(w)).length;
    const removed = trust.before.filter((w) => !now.has(w)).length;
    if (added || removed) return vscode.l10n.t('$(git-compare) Access since HEAD: {0} · who can assume: {1}', summary, [added ? `+${added}` : '', removed ? `\u2212${removed}` : ''].filter(Boolean).join(', '));
  }
  return vscode.l10n.t('$(git-compare) Access since HEAD: {0}', summary);
}

/** "Access since HEAD: +3 actions, −1" at the top of each policy that differs from git HEAD. */
export class AccessDiffLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly since: AccessSinceHead) {}

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const diffs = await this.since.compare(doc);
    if (!diffs) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const d of diffs) {
      if (d.error) continue;
      const top = new vscode.Range(doc.positionAt(d.region.start), doc.positionAt(d.region.start));
      const args: ShowAccessDiffArgs = { uri: doc.uri.toString(), regionStart: d.region.start };
      lenses.push(new vscode.CodeLens(top, { title: lensTitle(diffSummary(d.fileDiff.diff), d.trust), tooltip: vscode.l10n.t('What this policy grants that it did not at HEAD, what it no longer grants, and what its Deny statements newly deny or no longer deny'), command: COMMAND_SHOW_ACCESS_DIFF, arguments: [args] }));
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
