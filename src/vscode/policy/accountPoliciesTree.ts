import * as vscode from 'vscode';
import type { Finding } from '../../core/policy';

/** One linted policy of the account, as the tree and the Problems panel show it. */
export interface AccountPolicyResult {
  readonly name: string;
  /** The principal or managed policy it belongs to: `role/deploy`, `policy/ReadReports`. */
  readonly owner: string;
  /** The owner's ARN, when the account's details give it (for its console page). */
  readonly ownerArn?: string;
  readonly uri: vscode.Uri;
  readonly findings: readonly Finding[];
  /** Offsets of the policy's text -> range in its virtual document. */
  readonly rangeOf: (start: number, end: number) => vscode.Range;
}

/** Hidden: opens an account policy with the finding's range selected and in view. */
export const SHOW_ACCOUNT_FINDING_COMMAND = 'stsLens.internal.showAccountFinding';

export async function showAccountFinding(uri: vscode.Uri, range: vscode.Range): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(uri, { preview: true, selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

export class OwnerItem extends vscode.TreeItem {
  /** Read by Open in AWS Console. */
  readonly resourceArn: string | undefined;

  constructor(
    readonly owner: string,
    readonly policies: readonly AccountPolicyResult[],
  ) {
    super(owner, vscode.TreeItemCollapsibleState.Expanded);
    this.resourceArn = policies.find((p) => p.ownerArn)?.ownerArn;
    const n = policies.reduce((sum, p) => sum + p.findings.length, 0);
    this.description = n > 1 ? vscode.l10n.t('{0} findings', n) : n ? vscode.l10n.t('{0} finding', n) : vscode.l10n.t('no findings');
    this.iconPath = new vscode.ThemeIcon(owner.startsWith('role/') ? 'person-add' : owner.startsWith('user/') ? 'person' : owner.startsWith('group/') ? 'organization' : 'file-code');
    this.contextValue = this.resourceArn ? 'stsLens.accountOwner.arn' : 'stsLens.accountOwner';
    if (this.resourceArn) this.tooltip = this.resourceArn;
  }
}

export class AccountPolicyItem extends vscode.TreeItem {
  constructor(readonly result: AccountPolicyResult) {
    super(result.name.startsWith(`${result.owner} `) ? result.name.slice(result.owner.length + 1) : result.name, result.findings.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.description = result.findings.length ? `${result.findings.length}` : '';
    this.tooltip = result.name;
    this.resourceUri = result.uri;
    this.iconPath = new vscode.ThemeIcon(result.findings.some((f) => f.findingType === 'ERROR' || f.findingType === 'SECURITY_WARNING') ? 'warning' : 'json');
    this.command = { command: 'vscode.open', title: vscode.l10n.t('Open Policy'), arguments: [result.uri] };
    this.contextValue = 'stsLens.accountPolicy';
  }
}

export class AccountFindingItem extends vscode.TreeItem {
  constructor(result: AccountPolicyResult, finding: Finding) {
    super(`${finding.findingType} ${finding.issueCode}`, vscode.TreeItemCollapsibleState.None);
    this.description = finding.findingDetails;
    this.tooltip = finding.findingDetails;
    const span = finding.locations[0]?.span;
    const range = span ? result.rangeOf(span.start.offset, span.end.offset) : result.rangeOf(0, 0);
    this.command = { command: SHOW_ACCOUNT_FINDING_COMMAND, title: vscode.l10n.t('Show Finding'), arguments: [result.uri, range] };
    this.contextValue = 'stsLens.accountFinding';
  }
}

type Item = OwnerItem | AccountPolicyItem | AccountFindingItem;

/** Account lint results grouped by principal (and managed policy), then policy, then finding. */
export class AccountPoliciesTreeProvider implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private results: readonly AccountPolicyResult[] = [];
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  set(results: readonly AccountPolicyResult[]): void {
    this.results = results;
    this.changed.fire(undefined);
  }

  get current(): readonly AccountPolicyResult[] {
    return this.results;
  }

  getTreeItem(item: Item): vscode.TreeItem {
    return item;
  }

  getChildren(item?: Item): Item[] {
    if (!item) {
      const owners = new Map<string, AccountPolicyResult[]>();
      for (const r of this.results) owners.set(r.owner, [...(owners.get(r.owner) ?? []), r]);
      const count = (ps: AccountPolicyResult[]) => ps.reduce((n, p) => n + p.findings.length, 0);
      return [...owners].sort(([a, pa], [b, pb]) => count(pb) - count(pa) || a.localeCompare(b)).map(([owner, ps]) => new OwnerItem(owner, ps));
    }
    if (item instanceof OwnerItem) return item.policies.map((p) => new AccountPolicyItem(p));
    if (item instanceof AccountPolicyItem) return item.result.findings.map((f) => new AccountFindingItem(item.result, f));
    return [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
