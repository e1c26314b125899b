import * as vscode from 'vscode';
import type { Finding, FindingType } from '../../core/policy';
import { PROJECT_CONFIG_FILE } from '../../core/policy/config/projectConfig';
import { familyTitle, groupFindings } from '../../core/policy/findingFamilies';
import type { PolicyRegion } from '../../core/policy/insight';
import { lintDebounceMs } from '../../core/policy/lintDebounce';
import { visibleText } from '../../core/untrustedText';
import { PolicyDocuments, type LintedRegion } from './policyDocuments';
import type { SeverityOverride } from './policySettings';

export const DIAGNOSTIC_SOURCE = 'sts-lens';
/** Prefix of the message of a finding that came from IAM Access Analyzer rather than the offline checks. */
export const REMOTE_PREFIX = '[IAM Access Analyzer] ';

const DEFAULT_SEVERITY: Record<FindingType, vscode.DiagnosticSeverity> = {
  ERROR: vscode.DiagnosticSeverity.Error,
  SECURITY_WARNING: vscode.DiagnosticSeverity.Warning,
  WARNING: vscode.DiagnosticSeverity.Warning,
  SUGGESTION: vscode.DiagnosticSeverity.Information,
};

const OVERRIDE_SEVERITY: Record<Exclude<SeverityOverride, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

interface RemoteResult {
  readonly version: number;
  readonly regionStart: number;
  readonly findings: readonly Finding[];
}

/**
 * Lints policy documents as they change: debounced, with a generation counter per document so a
 * slow run (waiting for IAM data) never overwrites a newer one, and without blocking typing.
 */
export class PolicyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sts-lens-policy');
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When each document last changed, to tell the first keystroke after a pause from one in a burst. */
  private readonly lastChange = new Map<string, number>();
  /** How long each document's last lint took (start to diagnostics): changes closer together than twice that are one burst. */
  private readonly lintMs = new Map<string, number>();
  private readonly remote = new Map<string, RemoteResult[]>();
  /** The findings behind each grouped diagnostic, by document, for the hover that lists them. */
  private readonly groups = new Map<string, GroupedDiagnostic[]>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly linted = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after diagnostics for a document were published (the CodeLens refreshes on it). */
  readonly onDidLint = this.linted.event;

  constructor(
    private readonly docs: PolicyDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.collection,
      this.linted,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const key = e.document.uri.toString();
        this.remote.delete(key);
        // The first change after a pause is linted at once (the lint runs in a worker, so typing goes
        // on); later changes of a burst wait for it to pause. A result overtaken by a newer change is
        // dropped by the generation counter, so a burst never shows findings of a text already gone.
        const now = performance.now();
        const debounce = lintDebounceMs(this.lintMs.get(key));
        const pause = now - (this.lastChange.get(key) ?? -Infinity) > debounce;
        this.lastChange.set(key, now);
        this.schedule(e.document, pause ? 0 : debounce);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.clear(d.uri);
        this.docs.forget(d);
      }),
      // A document outlives its last editor tab for a while; people expect its problems to go with the tab.
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) {
          const uri = tabUri(tab);
          if (uri && !isInAnyTab(uri)) this.clear(uri);
        }
        for (const tab of e.opened) {
          const uri = tabUri(tab)?.toString();
          const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
          if (doc && !this.collection.has(doc.uri)) this.schedule(doc, 0);
        }
      }),
      docs.onDidChange((uri) => this.relintAll(uri)),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  /** Grouped findings whose entry covers `position`, each member with its own message and link. */
  groupsAt(uri: vscode.Uri, position: vscode.Position): readonly GroupedDiagnostic[] {
    return (this.groups.get(uri.toString()) ?? []).filter((g) => g.diagnostic.range.contains(position));
  }

  relintAll(uri?: vscode.Uri): void {
    for (const d of vscode.workspace.textDocuments) {
      if (!uri || d.uri.toString() === uri.toString()) this.schedule(d, 0);
    }
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.lastChange.delete(key);
    this.lintMs.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.remote.delete(key);
    this.groups.delete(key);
    this.collection.delete(uri);
  }

  schedule(doc: vscode.TextDocument, delay: number): void {
    const key = doc.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.run(doc, generation);
      }, delay),
    );
  }

  private async run(doc: vscode.TextDocument, generation: number): Promise<void> {
    const key = doc.uri.toString();
    const started = performance.now();
    try {
      const regions = this.docs.regions(doc);
      if (!regions.length) {
        if (this.collection.has(doc.uri)) this.collection.delete(doc.uri);
        return;
      }
      const linted = await this.docs.lint(doc);
      if (this.generations.get(key) !== generation || doc.isClosed) return;
      this.publish(doc, linted);
      this.lintMs.set(key, performance.now() - started);
    } catch (e) {
      this.log.error(`Linting ${doc.uri.fsPath || key} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }

  /** Publishes local and (still current) remote findings. */
  publish(doc: vscode.TextDocument, local: readonly LintedRegion[] = this.docs.latest(doc) ?? []): void {
    const settings = this.docs.lintSettings(doc);
    const diagnostics: vscode.Diagnostic[] = [];
    const grouped: GroupedDiagnostic[] = [];
    for (const linted of local) {
      const items = linted.findings.flatMap((finding) => {
        const diagnostic = toDiagnostic(doc, linted.region, finding, settings.severity, false);
        return diagnostic ? [{ finding, diagnostic }] : [];
      });
      for (const g of groupFindings(items, (i) => rangeKey(i.diagnostic.range), (i) => i.diagnostic.severity)) {
        if (g.members.length === 1) diagnostics.push(g.members[0].diagnostic);
        else {
          const d = familyDiagnostic(g.family, g.members);
          diagnostics.push(d);
          grouped.push({ diagnostic: d, members: g.members });
        }
      }
      // An accepted finding stays visible, as a hint that says why it was accepted.
      for (const s of linted.suppressed) {
        const d = toDiagnostic(doc, linted.region, s.finding, settings.severity, false);
        if (!d) continue;
        d.severity = vscode.DiagnosticSeverity.Hint;
        d.message = vscode.l10n.t('{0} (suppressed in {1}: {2})', d.message, PROJECT_CONFIG_FILE, s.reason);
        diagnostics.push(d);
      }
    }
    for (const r of this.remote.get(doc.uri.toString()) ?? []) {
      if (r.version !== doc.version) continue;
      const region = this.docs.regions(doc).find((x) => x.start === r.regionStart);
      if (!region) continue;
      for (const f of r.findings) {
        const d = toDiagnostic(doc, region, f, settings.severity, true);
        if (d) diagnostics.push(d);
      }
    }
    this.collection.set(doc.uri, diagnostics);
    this.groups.set(doc.uri.toString(), grouped);
    this.linted.fire(doc);
  }

  /** Adds IAM Access Analyzer's findings for one region of the current version of a document. */
  setRemoteFindings(doc: vscode.TextDocument, region: PolicyRegion, findings: readonly Finding[]): void {
    const key = doc.uri.toString();
    const others = (this.remote.get(key) ?? []).filter((r) => r.regionStart !== region.start && r.version === doc.version);
    this.remote.set(key, [...others, { version: doc.version, regionStart: region.start, findings }]);
    this.publish(doc);
  }
}

export interface GroupedDiagnostic {
  readonly diagnostic: vscode.Diagnostic;
  readonly members: readonly { readonly finding: Finding; readonly diagnostic: vscode.Diagnostic }[];
}

function rangeKey(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** One entry for several findings of one family at one place: short, so the hover's documentation follows soon. */
function familyDiagnostic(family: string, members: readonly { finding: Finding; diagnostic: vscode.Diagnostic }[]): vscode.Diagnostic {
  const first = members[0].diagnostic;
  const codes = members.map((m) => m.finding.issueCode.slice(family.length + 1) || m.finding.issueCode);
  const named = codes.length > 3 ? `${codes.slice(0, 3).join(', ')}, …` : codes.join(', ');
  const d = new vscode.Diagnostic(first.range, vscode.l10n.t('{0}: {1} findings here ({2}); hover for each.', familyTitle(family), members.length, named), first.severity);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = `${family}_*`;
  return d;
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  if (tab.input instanceof vscode.TabInputText) return tab.input.uri;
  if (tab.input instanceof vscode.TabInputTextDiff) return tab.input.modified;
  return undefined;
}

function isInAnyTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => tabUri(t)?.toString() === key));
}

export function severityOf(f: Finding, overrides: Readonly<Record<string, SeverityOverride>>): vscode.DiagnosticSeverity | undefined {
  const o = overrides[f.issueCode];
  if (o === 'off') return undefined;
  return o ? OVERRIDE_SEVERITY[o] : DEFAULT_SEVERITY[f.findingType] ?? vscode.DiagnosticSeverity.Warning;
}

export function toDiagnostic(doc: vscode.TextDocument, region: PolicyRegion, f: Finding, overrides: Readonly<Record<string, SeverityOverride>>, remote: boolean): vscode.Diagnostic | undefined {
  return findingDiagnostic(doc.uri, f, overrides, (start, end) => PolicyDocuments.range(doc, region, start, end), remote ? REMOTE_PREFIX : '');
}

/** A finding as a diagnostic; `rangeOf` turns offsets of the policy's text into the document's range. */
export function findingDiagnostic(uri: vscode.Uri, f: Finding, overrides: Readonly<Record<string, SeverityOverride>>, rangeOf: (start: number, end: number) => vscode.Range, prefix = ''): vscode.Diagnostic | undefined {
  const severity = severityOf(f, overrides);
  if (severity === undefined) return undefined;
  const span = f.locations[0]?.span;
  const range = span ? rangeOf(span.start.offset, span.end.offset) : rangeOf(0, 0);
  const d = new vscode.Diagnostic(range, `${prefix}${visibleText(f.findingDetails)}`, severity);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = f.learnMoreLink ? { value: f.issueCode, target: vscode.Uri.parse(f.learnMoreLink) } : f.issueCode;
  if (f.locations.length > 1) {
    d.relatedInformation = f.locations.slice(1).map((l) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, rangeOf(l.span.start.offset, l.span.end.offset)), vscode.l10n.t('Also here')));
  }
  if (/^REDUNDANT_/.test(f.issueCode)) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}
