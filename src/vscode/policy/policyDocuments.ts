import * as vscode from 'vscode';
import { detectPolicyType, servicesReferenced, type Finding, type IamCatalog, type PolicyType } from '../../core/policy';
import { applySuppressions, lintSettingsFor, type FileLintSettings, type SuppressedFinding } from '../../core/policy/config/applyConfig';
import { EMPTY_PROJECT_CONFIG, type SeverityOverride } from '../../core/policy/config/projectConfig';
import { findPolicyRegions, isOpaque, type PolicyRegion } from '../../core/policy/insight';
import { policyTypeWords } from '../../core/policy/policyTypeWords';
import { readCloudFormationYaml } from './yamlModule';
import { createIamCatalog, type IamCatalogHandle } from '../../node/iamData';
import { ProjectConfigFinder, projectRelativePath, type LoadedProjectConfig } from '../../node/projectConfigFile';
import { PolicyLinter } from './policyLinter';
import { readPolicySettings, type PolicySettings } from './policySettings';
import { reportRefusedGlobs, uriMatches } from '../settingGlobs';
import { ScenarioGuardrails } from './scenarioGuardrails';

/** The name of a policy type, as the status bar, the lens and the type picker show it. */
export const policyTypeLabel = policyTypeWords;

export interface LintedRegion {
  readonly region: PolicyRegion;
  readonly policyType: PolicyType;
  /** True when the type comes from the user's override rather than detection. */
  readonly overridden: boolean;
  readonly findings: readonly Finding[];
  /** Findings the project file (.sts-lens.json) accepts, with its reasons. */
  readonly suppressed: readonly SuppressedFinding[];
}

/** What the project file says about one document, with the person's settings on top. */
export interface DocumentLintSettings extends FileLintSettings {
  readonly project?: LoadedProjectConfig;
  readonly relativePath?: string;
  /** Project severities, then the stsLens.policy.severity setting over them. */
  readonly severity: Readonly<Record<string, SeverityOverride>>;
}

/** Where a region's policy type comes from, for the status bar's tooltip. */
export type PolicyTypeSource = 'override' | 'project' | 'template' | 'scenario' | 'detected';

const OVERRIDES_KEY = 'stsLens.policy.typeOverrides';

/** Terraform files are plain text unless a Terraform extension is installed; their name says what they are. */
function effectiveLanguage(doc: vscode.TextDocument): string {
  if (doc.languageId === 'plaintext' && /\.(?:tf|hcl)$/i.test(doc.fileName)) return 'terraform';
  return doc.languageId;
}

/**
 * Which documents are policies, their regions, the IAM data they need and their lint results.
 * Shared by the diagnostics, CodeLens, hover, completion and code-action providers.
 */
export class PolicyDocuments implements vscode.Disposable {
  private handle: IamCatalogHandle | undefined;
  private settings: PolicySettings;
  // Keyed by URI but checked against the document itself: a new untitled document can reuse a closed one's URI and version.
  private readonly regionCache = new Map<string, { doc: vscode.TextDocument; version: number; regions: PolicyRegion[] }>();
  private readonly results = new Map<string, { doc: vscode.TextDocument; version: number; linted: LintedRegion[] }>();
  /** Policy types chosen for unsaved documents: kept only while the document is open. */
  private readonly unsavedOverrides = new Map<string, PolicyType>();
  private readonly linter: PolicyLinter;
  private readonly projects = new ProjectConfigFinder((p) => this.onProjectLoaded?.(p));
  private readonly guardrails: ScenarioGuardrails;
  /** Hears of each project file read from disk, to show its problems. */
  onProjectLoaded?: (p: LoadedProjectConfig) => void;
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Documents another feature lints (policies read from an account): no regions here. */
  skip: (uri: vscode.Uri) => boolean = () => false;
  /** Fires when a document's policy type override changes, or (with undefined) when settings change. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    workerPath: string,
  ) {
    this.settings = readPolicySettings();
    reportRefusedGlobs(this.settings.fileGlobs, log);
    this.linter = new PolicyLinter(workerPath, log, () => this.catalogHandle());
    this.guardrails = new ScenarioGuardrails(log);
    // A scenario that starts or stops using a file as an SCP changes how that file is linted.
    this.guardrails.onDidChange(() => this.changeEmitter.fire(undefined));
  }

  dispose(): void {
    this.linter.dispose();
    this.guardrails.dispose();
    this.changeEmitter.dispose();
    this.regionCache.clear();
    this.results.clear();
  }

  get currentSettings(): PolicySettings {
    return this.settings;
  }

  reloadSettings(): void {
    this.settings = readPolicySettings();
    reportRefusedGlobs(this.settings.fileGlobs, this.log);
    this.projects.clear();
    this.regionCache.clear();
    this.changeEmitter.fire(undefined);
  }

  /**
   * The project file's settings for a document, the person's severities on top. Only files on
   * disk have one, and only in trusted workspaces: an untrusted repository must not silence findings.
   */
  lintSettings(doc: vscode.TextDocument): DocumentLintSettings {
    const project = doc.uri.scheme === 'file' && vscode.workspace.isTrusted ? this.projects.find(doc.uri.fsPath) : undefined;
    if (!project) return { ...lintSettingsFor(EMPTY_PROJECT_CONFIG, '', this.settings.severity), severity: this.settings.severity };
    const severity = { ...project.config.severity, ...this.settings.severity };
    const relativePath = projectRelativePath(project, doc.uri.fsPath);
    return { ...lintSettingsFor(project.config, relativePath, severity), project, relativePath, severity };
  }

  /** The IAM data, loaded on first use so that activation does no I/O. */
  get catalog(): IamCatalog {
    return this.catalogHandle().catalog;
  }

  private catalogHandle(): IamCatalogHandle {
    if (!this.handle) {
      const t0 = performance.now();
      this.handle = createIamCatalog();
      this.log.info(`IAM data index loaded in ${(performance.now() - t0).toFixed(1)} ms from ${this.handle.dataDir}`);
    }
    return this.handle;
  }

  /** Loads the IAM data that the given policy texts (plus extra service prefixes) refer to. */
  async ensureServices(texts: readonly string[], extra: readonly string[] = []): Promise<void> {
    const prefixes = new Set(extra);
    for (const t of texts) servicesReferenced(t).forEach((p) => prefixes.add(p));
    await this.catalogHandle().ensureServices(prefixes);
  }

  isForcedPolicy(doc: vscode.TextDocument): boolean {
    // Matched by core/glob, never by VS Code's regex-based globs: the setting can come from the repository.
    return uriMatches(this.settings.fileGlobs, doc.uri);
  }

  /** The policies in a document (cached per version); empty when it holds none or linting is off. */
  regions(doc: vscode.TextDocument): PolicyRegion[] {
    if (!this.settings.enabled || doc.uri.scheme === 'output' || doc.uri.scheme === 'vscode-scm' || doc.uri.scheme === 'git' || this.skip(doc.uri)) return [];
    const key = doc.uri.toString();
    const cached = this.regionCache.get(key);
    if (cached && cached.doc === doc && cached.version === doc.version) return cached.regions;
    const text = doc.getText();
    // Over-large documents are recognised cheaply and get one size finding (see core/policy/limits.ts).
    const regions = this.lintSettings(doc).ignored ? [] : findPolicyRegions(text, effectiveLanguage(doc), { forcePolicy: this.isForcedPolicy(doc), readYaml: readCloudFormationYaml });
    this.regionCache.set(key, { doc, version: doc.version, regions });
    return regions;
  }

  forget(doc: vscode.TextDocument): void {
    this.regionCache.delete(doc.uri.toString());
    this.results.delete(doc.uri.toString());
    this.unsavedOverrides.delete(doc.uri.toString());
  }

  overrideFor(uri: vscode.Uri): PolicyType | undefined {
    if (uri.scheme === 'untitled') return this.unsavedOverrides.get(uri.toString());
    return this.state.get<Record<string, PolicyType>>(OVERRIDES_KEY, {})[uri.toString()];
  }

  async setOverride(uri: vscode.Uri, type: PolicyType | undefined): Promise<void> {
    // An unsaved document's name ("Untitled-1") comes back for the next new document: its choice must not.
    if (uri.scheme === 'untitled') {
      if (type) this.unsavedOverrides.set(uri.toString(), type);
      else this.unsavedOverrides.delete(uri.toString());
      this.changeEmitter.fire(uri);
      return;
    }
    const all = { ...this.state.get<Record<string, PolicyType>>(OVERRIDES_KEY, {}) };
    if (type) all[uri.toString()] = type;
    else delete all[uri.toString()];
    await this.state.update(OVERRIDES_KEY, all);
    this.changeEmitter.fire(uri);
  }

  /**
   * The type a region is linted as: the person's override, the project file's policyTypes, the
   * template's hint, what the workspace's policy tests use the file as (an SCP or RCP), then the
   * content, refined by a file name that says SCP or RCP.
   */
  policyTypeOf(doc: vscode.TextDocument, region: PolicyRegion, settings = this.lintSettings(doc)): { type: PolicyType; overridden: boolean; source: PolicyTypeSource } {
    const override = this.overrideFor(doc.uri);
    if (override) return { type: override, overridden: true, source: 'override' };
    if (settings.policyType) return { type: settings.policyType, overridden: false, source: 'project' };
    if (region.typeHint) return { type: region.typeHint, overridden: false, source: 'template' };
    const guardrail = this.guardrails.typeOf(doc.uri);
    if (guardrail) return { type: guardrail, overridden: false, source: 'scenario' };
    return { type: detectPolicyType(region.text, doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined), overridden: false, source: 'detected' };
  }

  /** Lints every region in the background (a worker thread) and remembers the result for this version. */
  async lint(doc: vscode.TextDocument): Promise<LintedRegion[]> {
    const version = doc.version;
    const regions = this.regions(doc);
    const settings = this.lintSettings(doc);
    const types = regions.map((region) => this.policyTypeOf(doc, region, settings));
    const results = await this.linter.lint(regions.map((r, i) => ({ text: r.text, policyType: types[i].type, accountIds: settings.accountIds, optIn: settings.optIn, notGranted: settings.notGranted })));
    const linted = regions.map((region, i) => {
      const visible = results[i].findings.filter((f) => {
        const span = f.locations[0]?.span;
        return !span || !isOpaque(region, region.toHostOffset(span.start.offset), region.toHostEnd(span.end.offset));
      });
      const split = settings.project && settings.relativePath !== undefined ? applySuppressions(settings.project.config, settings.relativePath, region.text, visible) : { findings: visible, suppressed: [] };
      return { region, policyType: results[i].policyType, overridden: types[i].overridden, findings: split.findings, suppressed: split.suppressed };
    });
    this.results.set(doc.uri.toString(), { doc, version, linted });
    return linted;
  }

  /** The last lint result, when it is for the document's current version. */
  latest(doc: vscode.TextDocument): LintedRegion[] | undefined {
    const r = this.results.get(doc.uri.toString());
    return r && r.doc === doc && r.version === doc.version ? r.linted : undefined;
  }

  /** Host-document range of a span inside a region. */
  static range(doc: vscode.TextDocument, region: PolicyRegion, start: number, end: number): vscode.Range {
    const hostStart = region.toHostOffset(start);
    return new vscode.Range(doc.positionAt(hostStart), doc.positionAt(end > start ? Math.max(hostStart, region.toHostEnd(end)) : hostStart));
  }

  /** The region holding a host offset. */
  regionAt(doc: vscode.TextDocument, offset: number): PolicyRegion | undefined {
    return this.regions(doc).find((r) => offset >= r.start && offset <= r.end);
  }
}
