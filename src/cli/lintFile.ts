import * as path from 'path';
import { detectPolicyType, ISSUE_CODES, lintPolicy, lintServices, OPT_IN_CODES, severityRank, type Finding, type FindingType, type PolicyType } from '../core/policy';
import { MAX_POLICY_FILE_BYTES } from '../core/policy/limits';
import { documentTooLargeMessage } from '../core/policy/limitWords';
import { LineIndex } from '../core/policy/parse';
import { holdsPolicyDocument } from '../core/policy/insight/policyDocumentFile';
import { isTooLarge, type TooLarge } from '../node/boundedRead';
import { applySuppressions, lintSettingsFor } from '../core/policy/config/applyConfig';
import type { SeverityOverride } from '../core/policy/config/projectConfig';
import { needsAllServices, notGrantedFindings } from '../core/evaluation/access';
import type { IamCatalogHandle } from '../node/iamData';
import { ProjectConfigFinder, projectRelativePath, type LoadedProjectConfig } from '../node/projectConfigFile';
import { projectGuardrails } from './guardrails';
import type { FileResult } from './format';
import { perFolder, readError, readInput } from './inputs';

/** What every file of one CLI run shares. */
export interface LintRun {
  readonly handle: IamCatalogHandle;
  /** --policy-type: auto lets the project file's policyTypes and detection decide. */
  readonly policyType: PolicyType | 'auto';
  readonly accountId?: string;
  /** --strict: every opt-in check. */
  readonly strict: boolean;
  /** The project file for a path on disk (undefined with --no-config or when there is none). */
  readonly project: (file: string) => LoadedProjectConfig | undefined;
  /** The guardrail type the project's policy tests give a path on disk (an SCP or RCP), if any. */
  readonly guardrail?: (file: string) => PolicyType | undefined;
}

/**
 * The run of one thread over the files: its own IAM data, and the project files it finds from the
 * files' folders (or `explicit`, from --config), which it reads without reporting their problems:
 * the main thread reports them, in the files' order (see lintInOrder in main.ts).
 */
export function threadRun(options: Pick<LintRun, 'policyType' | 'accountId' | 'strict'> & { noConfig: boolean }, handle: IamCatalogHandle, explicit?: LoadedProjectConfig): LintRun {
  const finder = new ProjectConfigFinder();
  const find = perFolder((file) => finder.find(file));
  const project = (file: string) => (options.noConfig ? undefined : explicit ?? find(file));
  return { handle, policyType: options.policyType, accountId: options.accountId, strict: options.strict, project, guardrail: projectGuardrails() };
}

/**
 * What linting one named file gives: its result (none when the project file ignores it), why it
 * could not be read, why a file found in a folder was not linted, or that the name is a folder's.
 */
export type FileOutcome = { result: FileResult | undefined } | { readError: string } | { skipped: 'notPolicy' | 'tooLarge' } | { folder: true };

/** The path the project file and its globs see for a named file: standard input is in the working folder. */
export function diskPathOf(file: string): string {
  return file === '-' ? path.join(process.cwd(), 'stdin') : file;
}

/**
 * Reads and lints one file named on the command line ('-': standard input), or found in a folder
 * (`walked`): such a file is linted only when it holds a policy document. Writes nothing.
 */
export function lintPath(file: string, run: LintRun, walked = false): FileOutcome {
  let text: string | TooLarge;
  try {
    text = readInput(file, MAX_POLICY_FILE_BYTES);
  } catch (e) {
    return !walked && (e as NodeJS.ErrnoException).code === 'EISDIR' ? { folder: true } : { readError: readError(e) };
  }
  if (walked && (isTooLarge(text) || !holdsPolicyDocument(text))) return { skipped: isTooLarge(text) ? 'tooLarge' : 'notPolicy' };
  const diskPath = diskPathOf(file);
  return { result: isTooLarge(text) ? tooLargeFile(file, diskPath, run, text) : lintFile(text, file, diskPath, run) };
}

/**
 * Lints one text under its project file. `file` is the name reported; `diskPath` the path the
 * project file and its globs apply to (the working folder's for standard input). Undefined when the
 * project file ignores the path.
 */
export function lintFile(text: string, file: string, diskPath: string, run: LintRun, entry?: { name: string; policyType: PolicyType; tooLarge?: number }): FileResult | undefined {
  const { project, relative, settings } = projectSettings(diskPath, run, entry);
  if (settings?.ignored) return undefined;
  ensureData(run.handle, text);
  const accountIds = [...(run.accountId ? [run.accountId] : []), ...(settings?.accountIds ?? [])];
  const result = lintPolicy(text, {
    // As in the editor: --policy-type, the project file's policyTypes, the policy tests, the content.
    policyType: entry?.policyType ?? (run.policyType === 'auto' ? settings?.policyType ?? (file === '-' ? undefined : run.guardrail?.(diskPath)) ?? 'auto' : run.policyType),
    catalog: run.handle.catalog,
    accountIds,
    optIn: run.strict ? OPT_IN_CODES : settings?.optIn,
    // Standard input has no name to go by.
    fileName: file === '-' ? undefined : diskPath,
    tooLarge: entry?.tooLarge,
  });
  if (settings?.notGranted.length) {
    if (needsAllServices(text)) run.handle.ensureAllServicesSync();
    result.findings.push(...notGrantedFindings(text, result.policyType, settings.notGranted, run.handle.catalog));
  }
  const severity = project?.config.severity ?? {};
  const shown = result.findings.filter((f) => severity[f.issueCode] !== 'off');
  const split = project ? applySuppressions(project.config, relative, text, shown) : { findings: shown, suppressed: [] };
  return { file, policyType: result.policyType, findings: split.findings, suppressed: split.suppressed, severity };
}

/**
 * The result for a file too large to read (see readTextBoundedSync): the finding a document over the
 * limit gets, under the project file's globs and severities like any other file's.
 */
export function tooLargeFile(file: string, diskPath: string, run: LintRun, size: TooLarge): FileResult | undefined {
  const { project, settings } = projectSettings(diskPath, run);
  if (settings?.ignored) return undefined;
  const policyType = run.policyType === 'auto' ? settings?.policyType ?? detectPolicyType('', file === '-' ? undefined : diskPath) : run.policyType;
  const finding = wholeFileFinding('POLICY_DOCUMENT_TOO_LARGE', documentTooLargeMessage(size.bytes, size.atLeast));
  const severity = project?.config.severity ?? {};
  return { file, policyType, findings: severity[finding.issueCode] === 'off' ? [] : [finding], suppressed: [], severity };
}

/** The project file that applies to a path, the path as its globs see it, and its settings for the path. */
function projectSettings(diskPath: string, run: LintRun, entry?: { name: string }) {
  const project = run.project(diskPath);
  // A policy inside an account dump is matched by the project's globs as DUMPFILE#NAME.
  const relative = `${project ? projectRelativePath(project, diskPath) : path.basename(diskPath)}${entry ? `#${entry.name}` : ''}`;
  return { project, relative, settings: project ? lintSettingsFor(project.config, relative) : undefined };
}

/** A finding about the file as a whole (it could not be read, or was too large to be), placed at its start. */
export function wholeFileFinding(issueCode: 'FILE_READ_ERROR' | 'POLICY_DOCUMENT_TOO_LARGE', findingDetails: string): Finding {
  const info = ISSUE_CODES[issueCode];
  return { findingType: info.findingType, issueCode, findingDetails, learnMoreLink: info.learnMoreLink, locations: [{ path: [], span: new LineIndex('').span(0, 0) }] };
}

/**
 * With data whose services are read on first use, a run adds them all before its first text, and
 * scans no text for the services it names. Otherwise, after this many texts, a run whose texts
 * already needed many services loads every service at once
 * (the whole snapshot costs about as much as scanning a few dozen policies for the services they
 * name) and stops scanning texts. A run over policies of a few services keeps loading what it needs.
 */
const LOAD_ALL_AFTER = 32;
const MANY_SERVICES = 64;
/** Texts seen per catalog; -1 once every service is loaded, -2 once the run keeps scanning. */
const textsSeen = new WeakMap<IamCatalogHandle, number>();

function ensureData(handle: IamCatalogHandle, text: string): void {
  const seen = textsSeen.get(handle) ?? 0;
  if (seen === -1) return;
  if (handle.allServicesOnFirstUse) {
    handle.ensureAllServicesSync();
    textsSeen.set(handle, -1);
    return;
  }
  if (seen >= LOAD_ALL_AFTER) {
    const loaded = handle.catalog.allServicePrefixes().filter((s) => handle.catalog.isLoaded(s)).length;
    if (loaded >= MANY_SERVICES) {
      handle.ensureAllServicesSync();
      textsSeen.set(handle, -1);
      return;
    }
    textsSeen.set(handle, -2);
  } else if (seen >= 0) textsSeen.set(handle, seen + 1);
  handle.ensureServicesSync(lintServices(text));
}

const OVERRIDE_RANK: Record<SeverityOverride, number> = { error: 0, warning: 2, information: 3, hint: 4, off: 5 };

/** Whether a result has a finding at or above the threshold: a project's severity for a code replaces its finding type. */
export function failsAt(r: FileResult, failOn: FindingType): boolean {
  const threshold = severityRank(failOn);
  return r.findings.some((f) => {
    const o = r.severity?.[f.issueCode];
    return (o ? OVERRIDE_RANK[o] : severityRank(f.findingType)) <= threshold;
  });
}
