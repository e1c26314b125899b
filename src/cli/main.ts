import * as path from 'path';
import { POLICY_TYPES, FINDING_TYPES, type FindingType, type PolicyType } from '../core/policy';
import { describeLength, MAX_POLICY_FILE_BYTES } from '../core/policy/limits';
import { isTooLarge, tooLargeText, type TooLarge } from '../node/boundedRead';
import { readError, readInput } from './inputs';
import { safeWriter } from './safeOutput';
import { createIamCatalog, type IamCatalogHandle } from '../node/iamData';
import { loadProjectConfig, ProjectConfigFinder, type LoadedProjectConfig } from '../node/projectConfigFile';
import { projectGuardrails } from './guardrails';
import { reportProjectFile } from './projectFile';
import { lintAuthDetails } from './authDetails';
import { resultWriter, type FileResult } from './format';
import { runSimulate } from './simulate';
import { runCheck } from './check';
import { runDiff } from './diff';
import { failsAt, lintFile, tooLargeFile, wholeFileFinding, type LintRun } from './lintFile';

declare const STS_LENS_VERSION: string | undefined;
const VERSION = typeof STS_LENS_VERSION === 'string' ? STS_LENS_VERSION : '0.1.0';

const USAGE = `Usage: sts-lens lint [options] FILE...
       sts-lens lint [options] --auth-details DUMP.json
       sts-lens simulate [--format text|json] [--explain] SCENARIO...  (see sts-lens simulate --help)
       sts-lens diff [options] BASE NEW | --git REF[..REF2] [PATH...]  (see sts-lens diff --help)
       sts-lens check [--not-granted ACTIONS] [--no-public-access] FILE...  (see sts-lens check --help)

Lints IAM policy documents offline with IAM Access Analyzer's checks.

Options:
  --policy-type TYPE   IDENTITY_POLICY, RESOURCE_POLICY, TRUST_POLICY, SERVICE_CONTROL_POLICY,
                       RESOURCE_CONTROL_POLICY or auto (default: auto)
  --format FORMAT      text, json or sarif (default: text)
  --fail-on LEVEL      exit 1 when a finding is at or above ERROR, SECURITY_WARNING, WARNING,
                       SUGGESTION, or never with none (default: ERROR)
  --account-id ID      the 12-digit account that owns the policies, for cross-account checks
  --config FILE        use this project file instead of the nearest .sts-lens.json
  --no-config          use no project file
  --strict             also run the opt-in checks (RESOURCE_STAR)
  --auth-details FILE  lint every policy in the output of aws iam get-account-authorization-details
  --include-aws-managed  with --auth-details, lint AWS managed policies too
  -h, --help           show this help
  --version            show the version

FILE may be - for standard input.
Exit status: 0 nothing at or above --fail-on, 1 something is, 2 usage or I/O error.
`;

export class UsageError extends Error {}

export interface LintArgs {
  policyType: PolicyType | 'auto';
  format: 'text' | 'json' | 'sarif';
  failOn: FindingType | 'none';
  accountId?: string;
  files: string[];
  /** --config FILE; undefined finds the nearest project file. */
  config?: string;
  noConfig: boolean;
  strict: boolean;
  authDetails?: string;
  includeAwsManaged: boolean;
}

export function parseArgs(argv: string[]): LintArgs | 'help' | 'version' {
  if (argv.includes('-h') || argv.includes('--help') || argv.length === 0) return 'help';
  if (argv[0] === '--version') return 'version';
  const [command, ...rest] = argv;
  if (command !== 'lint') throw new UsageError(`unknown command "${command}". The commands are "lint", "simulate", "diff" and "check".`);
  const args: LintArgs = { policyType: 'auto', format: 'text', failOn: 'ERROR', files: [], noConfig: false, strict: false, includeAwsManaged: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value.`);
      return v;
    };
    switch (name) {
      case '--policy-type': {
        const v = value().toUpperCase();
        if (v !== 'AUTO' && !(POLICY_TYPES as readonly string[]).includes(v)) throw new UsageError(`--policy-type must be auto or one of ${POLICY_TYPES.join(', ')}; got "${v}".`);
        args.policyType = v === 'AUTO' ? 'auto' : (v as PolicyType);
        break;
      }
      case '--format': {
        const v = value().toLowerCase();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif; got "${v}".`);
        args.format = v;
        break;
      }
      case '--fail-on': {
        const v = value().toUpperCase();
        if (v !== 'NONE' && !(FINDING_TYPES as readonly string[]).includes(v)) throw new UsageError(`--fail-on must be one of ${FINDING_TYPES.join(', ')} or none; got "${v}".`);
        args.failOn = v === 'NONE' ? 'none' : (v as FindingType);
        break;
      }
      case '--account-id': {
        const v = value();
        if (!/^\d{12}$/.test(v)) throw new UsageError(`--account-id must be a 12-digit AWS account ID; got "${v}".`);
        args.accountId = v;
        break;
      }
      case '--config':
        args.config = value();
        break;
      case '--no-config':
        args.noConfig = true;
        break;
      case '--strict':
        args.strict = true;
        break;
      case '--auth-details':
        args.authDetails = value();
        break;
      case '--include-aws-managed':
        args.includeAwsManaged = true;
        break;
      case '--':
        args.files.push(...rest.slice(i + 1));
        i = rest.length;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}".`);
        args.files.push(a);
    }
  }
  if (args.files.length === 0 && !args.authDetails) throw new UsageError('no FILE given.');
  if (args.config !== undefined && args.noConfig) throw new UsageError('--config and --no-config exclude each other.');
  if (args.includeAwsManaged && !args.authDetails) throw new UsageError('--include-aws-managed applies only with --auth-details.');
  return args;
}

/** Largest account dump read: far beyond what GetAccountAuthorizationDetails returns for an account. */
const MAX_DUMP_BYTES = 256 * 1024 * 1024;

/** Runs the CLI; returns the exit status. Output goes through the given writers. */
export function run(argv: string[], write: (s: string) => void, writeError: (s: string) => void, catalog?: IamCatalogHandle): number {
  const out = safeWriter(write);
  const err = safeWriter(writeError);
  if (argv[0] === 'simulate') return runSimulate(argv.slice(1), out, err, catalog);
  if (argv[0] === 'diff') return runDiff(argv.slice(1), out, err, catalog);
  if (argv[0] === 'check') return runCheck(argv.slice(1), out, err, catalog);
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`sts-lens: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (args === 'help') {
    out(USAGE);
    return 0;
  }
  if (args === 'version') {
    out(`${VERSION}\n`);
    return 0;
  }
  let handle: IamCatalogHandle;
  try {
    handle = catalog ?? createIamCatalog();
  } catch (e) {
    err(`sts-lens: could not load the IAM data: ${(e as Error).message}\n`);
    return 2;
  }
  let explicit: LoadedProjectConfig | undefined;
  if (args.config !== undefined) {
    explicit = loadProjectConfig(args.config);
    if (explicit.readError) {
      err(`sts-lens: cannot read the project file ${args.config}: ${explicit.readError}\n`);
      return 2;
    }
  }
  const finder = new ProjectConfigFinder();
  const reported = new Set<string>();
  // A project file with a syntax error or a refused glob applies (all or part) differently from
  // what it says: its problems are said once, with their positions, and the run exits 2.
  let projectError = false;
  const project = (file: string): LoadedProjectConfig | undefined => {
    const p = args.noConfig ? undefined : explicit ?? finder.find(file);
    if (p && !reported.has(p.file)) {
      reported.add(p.file);
      if (reportProjectFile(p, err)) projectError = true;
    }
    return p;
  };
  const run: LintRun = { handle, policyType: args.policyType, accountId: args.accountId, strict: args.strict, project, guardrail: projectGuardrails() };
  const writer = resultWriter(args.format, out, VERSION);
  const failOn = args.failOn;
  let failed = false;
  const add = (r: FileResult): void => {
    writer.add(r);
    if (failOn !== 'none' && !failed) failed = failsAt(r, failOn);
  };
  let ioError = false;
  if (args.authDetails) {
    try {
      const text = readInput(args.authDetails, MAX_DUMP_BYTES);
      if (isTooLarge(text)) throw new Error(`${tooLargeText(text)}, and account dumps over ${describeLength(MAX_DUMP_BYTES)} are not read`);
      const { results: dumpResults, dump } = lintAuthDetails(text, args.authDetails, run, args.includeAwsManaged);
      for (const problem of dump.problems) err(`sts-lens: ${args.authDetails}: ${problem}\n`);
      if (!dump.policies.length && dump.problems.length) ioError = true;
      for (const r of dumpResults) add(r);
    } catch (e) {
      ioError = true;
      err(`sts-lens: cannot read ${args.authDetails}: ${readError(e)}\n`);
    }
  }
  for (const file of args.files) {
    let text: string | TooLarge;
    try {
      text = readInput(file, MAX_POLICY_FILE_BYTES);
    } catch (e) {
      ioError = true;
      const reason = readError(e);
      err(`sts-lens: cannot read ${file}: ${reason}\n`);
      add({
        file,
        policyType: args.policyType === 'auto' ? 'IDENTITY_POLICY' : args.policyType,
        findings: [wholeFileFinding('FILE_READ_ERROR', `The file could not be read: ${reason}. Check the path and its permissions.`)],
      });
      continue;
    }
    const diskPath = file === '-' ? path.join(process.cwd(), 'stdin') : file;
    const r = isTooLarge(text) ? tooLargeFile(file, diskPath, run, text) : lintFile(text, file, diskPath, run);
    if (r) add(r);
  }
  writer.end();
  if (ioError || projectError) return 2;
  return failed ? 1 : 0;
}

/**
 * Output is written in pieces of about this many characters as it comes (see resultWriter): small
 * enough that a piece is written before a young-generation collection would copy what it holds.
 */
const WRITE_PIECE = 8192;

/** The process entry: runs with the process's arguments and exits with the status. */
export function runMain(): void {
  let pending = '';
  const write = (s: string): void => {
    pending += s;
    if (pending.length < WRITE_PIECE) return;
    process.stdout.write(pending);
    pending = '';
  };
  const code = run(process.argv.slice(2), write, (s) => process.stderr.write(s));
  // Exit only once stdout has drained (a write's callback comes after every earlier write), so piped output is never cut short.
  process.stdout.write(pending, () => process.exit(code));
}

if (require.main === module) runMain();
