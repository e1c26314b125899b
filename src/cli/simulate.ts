import * as path from 'path';
import { scenarioCases, type ScenarioCase } from '../core/debugging/scenarioRun';
import { evaluate, explainResult, summarize, type Decision, type EvaluationInput, type EvaluationResult, type LineMapper, type PolicySource } from '../core/evaluation';
import { parseScenarioNode, type ScenarioPolicyReader } from '../core/evaluation/scenario';
import { unsentKeysText } from '../core/evaluation/unsentKeys';
import { LineIndex } from '../core/policy/parse';
import { createIamCatalog, type IamCatalogHandle } from '../node/iamData';
import { projectRootFor, readScenarioFileSync, readScenarioPolicySync, type PolicyReadResult } from '../node/scenarioFiles';
import { formatOption, parseOptions } from './options';

export const SIMULATE_USAGE = `Usage: sts-lens simulate [options] SCENARIO...

Evaluates each scenario's request against its policies offline, as AWS's policy evaluation
logic does, and checks the decision against the scenario's "expect".

Options:
  --format FORMAT   text or json (default: text)
  --explain         print every policy and statement with why it applied or not
  --allow-outside-project
                    read policy files outside the project (by default a scenario's policy paths
                    must stay inside the nearest folder above it holding .sts-lens.json or .git)
  -h, --help        show this help

Exit status: 0 every scenario with an expect passed, 1 one failed,
2 usage error, or a scenario that could not be read or is malformed.
`;

interface SimulateArgs {
  format: 'text' | 'json';
  explain: boolean;
  allowOutsideProject: boolean;
  files: string[];
}

function parseSimulateArgs(argv: string[]): SimulateArgs | 'help' | string {
  const args = parseOptions<SimulateArgs>(argv, { format: 'text', explain: false, allowOutsideProject: false, files: [] }, {
    values: { '--format': formatOption('text', 'json') },
    flags: { '--explain': (a) => (a.explain = true), '--allow-outside-project': (a) => (a.allowOutsideProject = true) },
  });
  if (typeof args === 'string') return args;
  if (args.files.length === 0) return 'no SCENARIO given.';
  return args;
}

interface ScenarioOutcome {
  file: string;
  /** The scenario's `name`, when it gives one. */
  name?: string;
  /** Shows lines of inline documents as lines of the scenario. */
  lineOf?: LineMapper;
  decision?: Decision;
  expected?: Decision;
  pass?: boolean;
  result?: EvaluationResult;
  /** The request's action. */
  action?: string;
  /** The scenario could not be read or is malformed. */
  errors?: string[];
}

/**
 * Reads policy files once per run: scenarios share them, and the same text object lets the engine
 * find its compiled form without hashing the text again. Paths stay inside each scenario's project
 * unless `allowOutside`.
 */
function cachedReader(allowOutside: boolean): (scenarioFile: string) => ScenarioPolicyReader {
  const texts = new Map<string, PolicyReadResult>();
  const roots = new Map<string, string>();
  return (scenarioFile) => {
    const dir = path.dirname(scenarioFile);
    let root = roots.get(dir);
    if (root === undefined) roots.set(dir, (root = projectRootFor(dir)));
    const scope = { root, rootName: 'project folder', allowOutside, allowHint: '--allow-outside-project' };
    return (abs, written) => {
      const key = `${root}\0${abs}`;
      let r = texts.get(key);
      if (r === undefined) texts.set(key, (r = readScenarioPolicySync(abs, written, scope)));
      // The message names the path as this scenario wrote it.
      return typeof r === 'string' ? r : readScenarioPolicySync(abs, written, scope);
    };
  };
}

/**
 * Evaluates one scenario file; never throws. A file that holds an array gives one outcome per case,
 * named `FILE#INDEX`, each made only when the one before it has been taken: a file of 100,000 cases
 * is reported as it is evaluated, without keeping every case's trace. `readerFor` gives the reader of
 * the policy files a scenario names.
 */
export function* simulateFile(file: string, catalog: IamCatalogHandle | undefined, now: string, readerFor: (scenarioFile: string) => ScenarioPolicyReader = cachedReader(false)): Generator<ScenarioOutcome> {
  const text = readScenarioFileSync(file);
  if (typeof text !== 'string') {
    yield { file, errors: [`cannot read ${file}: ${text.error}.`] };
    return;
  }
  const cases = scenarioCases(text);
  if (!cases.length) {
    yield { file, errors: ['the file holds an empty array: write one scenario object, or an array of them.'] };
    return;
  }
  const abs = path.resolve(file);
  const read = readerFor(abs);
  // One line index per file, shared by its cases: inline documents' lines without rescanning the text.
  const lines = new LineIndex(cases[0].body);
  for (const c of cases) yield simulateCase(c.inArray ? `${file}#${c.index}` : file, abs, c, catalog, now, read, lines);
}

/** Evaluates one case named `label` of the scenario file `file` (absolute); offsets and lines stay the file's. */
function simulateCase(label: string, file: string, c: ScenarioCase, catalog: IamCatalogHandle | undefined, now: string, readPolicy: ScenarioPolicyReader, lines: LineIndex): ScenarioOutcome {
  if (!c.node) return { file: label, errors: [c.problem ?? 'the file could not be read.'] };
  const scenario = parseScenarioNode(c.body, c.node, c.shift, file, readPolicy);
  const name = scenario.name ?? c.name;
  if (!scenario.input) return { file: label, name, expected: scenario.expect, errors: scenario.problems };
  const action = scenario.input.request.action;
  // The action's resource types decide what a request on `*` means.
  try {
    catalog?.ensureServicesSync([action.slice(0, action.indexOf(':')).toLowerCase()]);
  } catch {
    // Without the service's data a request on `*` is matched literally.
  }
  const result = evaluate({ now, ...scenario.input }, catalog?.catalog);
  const pass = scenario.expect === undefined ? undefined : result.decision === scenario.expect;
  return { file: label, name, decision: result.decision, expected: scenario.expect, pass, result, action, lineOf: inlineLines(lines, c.shift, scenario.input) };
}

/** Inline documents start inside the scenario: their first line is the scenario's line at `offset`. */
function inlineLines(lines: LineIndex, shift: number, input: EvaluationInput): LineMapper {
  const starts = new Map<string, number>();
  const add = (kind: string, docs: readonly PolicySource[] | undefined, level?: number) => {
    for (const d of docs ?? []) if (d.offset !== undefined) starts.set(`${kind}\0${level ?? ''}\0${d.name}`, lines.position(d.offset - shift).line - 1);
  };
  add('identity', input.identityPolicies);
  add('permissionsBoundary', input.permissionsBoundaries);
  add('session', input.sessionPolicies);
  add('resource', input.resourcePolicies);
  add('vpcEndpoint', input.vpcEndpointPolicies);
  input.serviceControlPolicies?.forEach((l, i) => add('serviceControl', l, i));
  input.resourceControlPolicies?.forEach((l, i) => add('resourceControl', l, i));
  return (p, line) => line + (starts.get(`${p.kind}\0${p.level ?? ''}\0${p.name}`) ?? 0);
}

/** Counts of the outcomes reported so far, for the summary line and the exit status. */
class Tally {
  total = 0;
  passed = 0;
  failed = 0;
  unchecked = 0;
  /** Each scenario that could not be read or is malformed, with its problems, repeated on standard error. */
  readonly errors: { label: string; problems: readonly string[] }[] = [];

  add(o: ScenarioOutcome): void {
    this.total++;
    if (o.errors) this.errors.push({ label: o.name ? `${o.file} (${o.name})` : o.file, problems: o.errors });
    else if (o.pass === undefined) this.unchecked++;
    else if (o.pass) this.passed++;
    else this.failed++;
  }
}

/** One outcome's lines of the text report. */
function textLines(o: ScenarioOutcome, explain: boolean): string[] {
  const label = o.name ? `${o.file} (${o.name})` : o.file;
  if (o.errors) return [`ERROR ${label}`, ...o.errors.map((e) => `      ${e}`)];
  const r = o.result!;
  const head = o.pass === undefined ? '  -  ' : o.pass ? 'PASS ' : 'FAIL ';
  const lines = [`${head} ${label}  ${o.decision}${o.pass === false ? ` (expected ${o.expected})` : ''}: ${summarize(r)}`];
  for (const p of r.trace) if (p.error) lines.push(`      warning: ${p.name} is not a valid policy: ${p.error}`);
  if (r.unsentKeys) lines.push(`      note: ${unsentKeysText(o.action ?? '', r.unsentKeys)}`);
  if (explain || o.pass === false) lines.push(explainResult(r, '      ', o.lineOf));
  return lines;
}

/** The text report's last lines. */
function textSummary(t: Tally): string {
  const parts = [`${t.passed} passed`, `${t.failed} failed`];
  if (t.errors.length) parts.push(`${t.errors.length} error${t.errors.length === 1 ? '' : 's'}`);
  if (t.unchecked) parts.push(`${t.unchecked} without expect`);
  return `\n${t.total} scenario${t.total === 1 ? '' : 's'}: ${parts.join(', ')}\n`;
}

/** One outcome as a line of the JSON array: compact for thousands of traces, still one line to grep per file. */
function jsonLine(o: ScenarioOutcome): string {
  return JSON.stringify(
    o.errors
      ? { file: o.file, name: o.name ?? null, decision: null, expected: o.expected ?? null, pass: false, errors: o.errors, deciding: [], trace: [] }
      : { file: o.file, name: o.name ?? null, decision: o.decision, expected: o.expected ?? null, pass: o.pass ?? null, deciding: o.result!.deciding, reasons: o.result!.reasons, ...(o.result!.unsentKeys ? { unsentKeys: o.result!.unsentKeys } : {}), trace: o.result!.trace },
  );
}

/** `sts-lens simulate`: returns the exit status; output goes through the given writers. */
export function runSimulate(argv: string[], out: (s: string) => void, err: (s: string) => void, catalog?: IamCatalogHandle): number {
  const args = parseSimulateArgs(argv);
  if (args === 'help') {
    out(SIMULATE_USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    err(`sts-lens simulate: ${args}\n\n${SIMULATE_USAGE}`);
    return 2;
  }
  let iam = catalog;
  if (!iam) {
    try {
      iam = createIamCatalog();
    } catch {
      // Without IAM data every service is taken to support RCPs; nothing else needs it.
      iam = undefined;
    }
  }
  const now = new Date().toISOString();
  const readerFor = cachedReader(args.allowOutsideProject);
  const tally = new Tally();
  // Each outcome is written as soon as it is made and then dropped: only the counts and the errors stay.
  for (const f of args.files) {
    for (const o of simulateFile(f, iam, now, readerFor)) {
      if (args.format === 'json') out(`${tally.total === 0 ? '[\n' : ',\n'}${jsonLine(o)}`);
      else out(`${textLines(o, args.explain).join('\n')}\n`);
      tally.add(o);
    }
  }
  if (args.format === 'json') out(tally.total === 0 ? '[]\n' : '\n]\n');
  else out(textSummary(tally));
  for (const e of tally.errors) for (const p of e.problems) err(`sts-lens simulate: ${e.label}: ${p}\n`);
  if (tally.errors.length) return 2;
  return tally.failed > 0 ? 1 : 0;
}
