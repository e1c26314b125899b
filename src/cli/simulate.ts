import * as fs from 'fs';
import * as path from 'path';
import { scenarioCases } from '../core/debugging/scenarioRun';
import { evaluate, explainResult, parseScenario, summarize, type Decision, type EvaluationInput, type EvaluationResult, type LineMapper, type PolicySource } from '../core/evaluation';
import { createIamCatalog, type IamCatalogHandle } from '../node/iamData';

export const SIMULATE_USAGE = `Usage: sts-lens simulate [options] SCENARIO...

Evaluates each scenario's request against its policies offline, as AWS's policy evaluation
logic does, and checks the decision against the scenario's "expect".

Options:
  --format FORMAT   text or json (default: text)
  --explain         print every policy and statement with why it applied or not
  -h, --help        show this help

Exit status: 0 every scenario with an expect passed, 1 one failed,
2 usage error, or a scenario that could not be read or is malformed.
`;

interface SimulateArgs {
  format: 'text' | 'json';
  explain: boolean;
  files: string[];
}

function parseSimulateArgs(argv: string[]): SimulateArgs | 'help' | string {
  const args: SimulateArgs = { format: 'text', explain: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--explain') args.explain = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v !== 'text' && v !== 'json') return `--format must be text or json; got ${v === undefined ? 'nothing' : `"${v}"`}.`;
      args.format = v;
    } else if (a === '--') {
      args.files.push(...argv.slice(i + 1));
      i = argv.length;
    } else if (a.startsWith('-')) return `unknown option "${a}".`;
    else args.files.push(a);
  }
  if (args.files.length === 0) return 'no SCENARIO given.';
  return args;
}

interface ScenarioOutcome {
  file: string;
  /** Shows lines of inline documents as lines of the scenario. */
  lineOf?: LineMapper;
  decision?: Decision;
  expected?: Decision;
  pass?: boolean;
  result?: EvaluationResult;
  /** The scenario could not be read or is malformed. */
  errors?: string[];
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function ioReason(file: string): string {
  try {
    fs.readFileSync(file);
    return 'unknown error';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
  }
}

/**
 * Reads policy files once per run: scenarios share them, and the same text object lets the engine
 * find its compiled form without hashing the text again.
 */
function cachedReader(): (file: string) => string | undefined {
  const texts = new Map<string, string | undefined>();
  return (file) => {
    if (texts.has(file)) return texts.get(file);
    const text = readText(file);
    texts.set(file, text);
    return text;
  };
}

/**
 * Evaluates one scenario file; never throws. A file that holds an array gives one outcome per case,
 * named `FILE#INDEX`. `readPolicy` reads the policy files the scenarios name.
 */
export function simulateFile(file: string, catalog: IamCatalogHandle | undefined, now: string, readPolicy: (file: string) => string | undefined = readText): ScenarioOutcome[] {
  const text = readText(file);
  if (text === undefined) return [{ file, errors: [`cannot read ${file}: ${ioReason(file)}`] }];
  const cases = scenarioCases(text);
  if (!cases.length) return [{ file, errors: ['the file holds an empty array: write one scenario object, or an array of them.'] }];
  return cases.map((c) => simulateText(c.inArray ? `${file}#${c.index}` : file, file, c.text, catalog, now, readPolicy));
}

/** Evaluates one scenario named `name` from `file`, `text` keeping its offsets in the file so that lines stay the file's. */
function simulateText(name: string, file: string, text: string, catalog: IamCatalogHandle | undefined, now: string, readPolicy: (file: string) => string | undefined): ScenarioOutcome {
  const scenario = parseScenario(text, path.resolve(file), readPolicy);
  if (!scenario.input) return { file: name, expected: scenario.expect, errors: scenario.problems };
  const action = scenario.input.request.action;
  // The action's resource types decide what a request on `*` means.
  try {
    catalog?.ensureServicesSync([action.slice(0, action.indexOf(':')).toLowerCase()]);
  } catch {
    // Without the service's data a request on `*` is matched literally.
  }
  const result = evaluate({ now, ...scenario.input }, catalog?.catalog);
  const pass = scenario.expect === undefined ? undefined : result.decision === scenario.expect;
  return { file: name, decision: result.decision, expected: scenario.expect, pass, result, lineOf: inlineLines(text, scenario.input) };
}

function newlinesBefore(text: string, offset: number): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** Inline documents start inside the scenario: their first line is the scenario's line at `offset`. */
function inlineLines(text: string, input: EvaluationInput): LineMapper {
  const starts = new Map<string, number>();
  const add = (kind: string, docs: readonly PolicySource[] | undefined, level?: number) => {
    for (const d of docs ?? []) if (d.offset !== undefined) starts.set(`${kind}\0${level ?? ''}\0${d.name}`, newlinesBefore(text, d.offset));
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

function textReport(outcomes: ScenarioOutcome[], explain: boolean): string {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  let errors = 0;
  let unchecked = 0;
  for (const o of outcomes) {
    if (o.errors) {
      errors++;
      lines.push(`ERROR ${o.file}`);
      for (const e of o.errors) lines.push(`      ${e}`);
      continue;
    }
    const r = o.result!;
    if (o.pass === undefined) unchecked++;
    else if (o.pass) passed++;
    else failed++;
    const head = o.pass === undefined ? '  -  ' : o.pass ? 'PASS ' : 'FAIL ';
    lines.push(`${head} ${o.file}  ${o.decision}${o.pass === false ? ` (expected ${o.expected})` : ''}: ${summarize(r)}`);
    for (const p of r.trace) if (p.error) lines.push(`      warning: ${p.name} is not a valid policy: ${p.error}`);
    if (explain || o.pass === false) lines.push(explainResult(r, '      ', o.lineOf));
  }
  const parts = [`${passed} passed`, `${failed} failed`];
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (unchecked) parts.push(`${unchecked} without expect`);
  lines.push('', `${outcomes.length} scenario${outcomes.length === 1 ? '' : 's'}: ${parts.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** A JSON array with one scenario per line: compact for thousands of traces, still one line to grep per file. */
function jsonReport(outcomes: ScenarioOutcome[]): string {
  const lines = outcomes.map((o) =>
    JSON.stringify(
      o.errors
        ? { file: o.file, decision: null, expected: o.expected ?? null, pass: false, errors: o.errors, deciding: [], trace: [] }
        : { file: o.file, decision: o.decision, expected: o.expected ?? null, pass: o.pass ?? null, deciding: o.result!.deciding, reasons: o.result!.reasons, trace: o.result!.trace },
    ),
  );
  return lines.length ? `[\n${lines.join(',\n')}\n]\n` : '[]\n';
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
  const readPolicy = cachedReader();
  const outcomes = args.files.flatMap((f) => simulateFile(f, iam, now, readPolicy));
  out(args.format === 'json' ? jsonReport(outcomes) : textReport(outcomes, args.explain));
  for (const o of outcomes) if (o.errors) for (const e of o.errors) err(`sts-lens simulate: ${o.file}: ${e}\n`);
  if (outcomes.some((o) => o.errors)) return 2;
  return outcomes.some((o) => o.pass === false) ? 1 : 0;
}
