import { POLICY_TYPES, FINDING_TYPES, type FindingType, type PolicyType } from '../core/policy';
import { isTooLarge } from '../node/boundedRead';
import { lengthWords } from '../core/policy/limitWords';
import { readError, readInput } from './inputs';
import { safeWriter } from './safeOutput';
import { createIamCatalog, type IamCatalogHandle } from '../node/iamData';
import { loadProjectConfig, type LoadedProjectConfig } from '../node/projectConfigFile';
import { reportProjectFile } from './projectFile';
import { lintAuthDetails } from './authDetails';
import { resultWriter, type FileResult } from './format';
import { runSimulate } from './simulate';
import { runCheck } from './check';
import { runDiff } from './diff';
import { stdinNamedTwice } from './options';
import { FolderRun } from './folders';
import { diskPathOf, failsAt, lintPath, threadRun, wholeFileFinding, type FileOutcome } from './lintFile';
import { jobsLoweredNotice, parseJobs, threadsFor, type Jobs } from './jobs';
import { LintPool, type WorkerLauncher } from './lintPool';
import { runLintWorker } from './lintWorker';

export { runLintWorker };

declare const STS_LENS_VERSION: string | undefined;
const VERSION = typeof STS_LENS_VERSION === 'string' ? STS_LENS_VERSION : '0.1.0';

const USAGE = `Usage: sts-lens lint [options] FILE|FOLDER...
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
  --jobs N|auto        lint the files on N threads; auto (the default) uses the machine's cores
                       when there are enough files to pay for starting them, 1 lints on one thread;
                       N is lowered to twice the cores (at least 4), and stderr says so
  -h, --help           show this help
  --version            show the version

FILE (or --auth-details DUMP.json) may be - for standard input, once.
A FOLDER lints the policy files below it: *.json files whose top level is an object with a
Statement. Other JSON (package.json, CloudFormation templates, Terraform plans), policy tests,
node_modules and names starting with "." are skipped, links to folders are not followed, and stderr
counts what was skipped and why. A FOLDER with no policy file exits 2, and so does a walk past
32 folders deep, 100,000 entries or 10,000 JSON files.
With --policy-type auto, a FILE that the *.policytest.json of its project (the nearest folder with
.sts-lens.json or .git) use as an SCP, or as an RCP, is linted as one. A FILE outside any project
uses only the policy tests in its own folder: nothing below it is searched.
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
  jobs: Jobs;
  /** Per file: found in a folder named (see folders.ts). */
  walked?: boolean[];
}

export function parseArgs(argv: string[]): LintArgs | 'help' | 'version' {
  if (argv.includes('-h') || argv.includes('--help') || argv.length === 0) return 'help';
  if (argv[0] === '--version') return 'version';
  const [command, ...rest] = argv;
  if (command !== 'lint') throw new UsageError(`unknown command "${command}". The commands are "lint", "simulate", "diff" and "check".`);
  const args: LintArgs = { policyType: 'auto', format: 'text', failOn: 'ERROR', files: [], noConfig: false, strict: false, includeAwsManaged: false, jobs: 'auto' };
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
      case '--jobs': {
        const jobs = parseJobs(value());
        if (typeof jobs === 'object') throw new UsageError(jobs.problem);
        args.jobs = jobs;
        break;
      }
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
  const twice = stdinNamedTwice([args.authDetails, ...args.files]);
  if (twice) throw new UsageError(twice);
  return args;
}

/** Largest account dump read: far beyond what GetAccountAuthorizationDetails returns for an account. */
const MAX_DUMP_BYTES = 256 * 1024 * 1024;

/**
 * Runs the CLI; returns the exit status. Output goes through the given writers. Given the launcher,
 * a lint of many files runs on worker threads too (--jobs), and the status comes as a promise.
 */
export function run(argv: string[], write: (s: string) => void, writeError: (s: string) => void, catalog?: IamCatalogHandle): number;
export function run(argv: string[], write: (s: string) => void, writeError: (s: string) => void, catalog: IamCatalogHandle | undefined, launcher: WorkerLauncher): number | Promise<number>;
export function run(argv: string[], write: (s: string) => void, writeError: (s: string) => void, catalog?: IamCatalogHandle, launcher?: WorkerLauncher): number | Promise<number> {
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
  const folders = new FolderRun();
  ({ files: args.files, walked: args.walked } = folders.expand(args.files));
  const walked = args.walked;
  // Workers start before anything else, so that their start overlaps this thread's own.
  const threads = launcher ? threadsFor(args.jobs, args.files) : 1;
  const lowered = launcher ? jobsLoweredNotice(args.jobs, args.files) : undefined;
  if (lowered) err(lowered);
  const pool = launcher && threads > 1 ? new LintPool(launcher, args, threads) : undefined;
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
  const lookup = threadRun(args, handle, explicit);
  const reported = new Set<string>();
  // A project file with a syntax error or a refused glob applies (all or part) differently from
  // what it says: its problems are said once, with their positions, and the run exits 2.
  let projectError = false;
  const project = (file: string): LoadedProjectConfig | undefined => {
    const p = lookup.project(file);
    if (p && !reported.has(p.file)) {
      reported.add(p.file);
      if (reportProjectFile(p, err)) projectError = true;
    }
    return p;
  };
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
      if (isTooLarge(text)) throw new Error(`it is ${text.atLeast ? 'larger than ' : ''}${lengthWords(text.bytes)}, and account dumps over ${lengthWords(MAX_DUMP_BYTES)} are not read`);
      const { results: dumpResults, dump } = lintAuthDetails(text, args.authDetails, { ...lookup, project }, args.includeAwsManaged);
      for (const problem of dump.problems) err(`sts-lens: ${args.authDetails}: ${problem}\n`);
      if (!dump.policies.length && dump.problems.length) ioError = true;
      for (const r of dumpResults) add(r);
    } catch (e) {
      ioError = true;
      err(`sts-lens: cannot read ${args.authDetails}: ${readError(e)}\n`);
    }
  }
  const policyType = args.policyType;
  // Writes one file's outcome. The project file is looked up (and its problems said) here, as each
  // file is written, so that on any number of threads they come where a run on one thread says them.
  // `at`: the file's index in the run, or 'late' for a file below a folder whose read found it.
  const emit = (file: string, outcome: FileOutcome, at: number | 'late'): void => {
    if ('folder' in outcome) {
      for (const found of folders.walkLate(file)) emit(found, lintPath(found, lookup, true), 'late');
      return;
    }
    if (at === 'late' || walked?.[at]) folders.count(at, 'skipped' in outcome ? outcome.skipped : undefined);
    if ('skipped' in outcome) return;
    if ('readError' in outcome) {
      ioError = true;
      err(`sts-lens: cannot read ${file}: ${outcome.readError}\n`);
      add({
        file,
        policyType: policyType === 'auto' ? 'IDENTITY_POLICY' : policyType,
        findings: [wholeFileFinding('FILE_READ_ERROR', `The file could not be read: ${outcome.readError}. Check the path and its permissions.`)],
      });
      return;
    }
    project(diskPathOf(file));
    if (outcome.result) add(outcome.result);
  };
  const finish = (): number => {
    writer.end();
    if (folders.report(err)) ioError = true;
    if (ioError || projectError) return 2;
    return failed ? 1 : 0;
  };
  if (pool) {
    const files = args.files;
    return pool.lint((i) => lintPath(files[i], lookup, walked?.[i]), (i, outcome) => emit(files[i], outcome, i)).then(finish);
  }
  args.files.forEach((file, i) => emit(file, lintPath(file, lookup, walked?.[i]), i));
  return finish();
}

/**
 * Output is written in pieces of about this many characters as it comes (see resultWriter): small
 * enough that a piece is written before a young-generation collection would copy what it holds.
 */
const WRITE_PIECE = 8192;

/** The process entry: runs with the process's arguments and exits with the status. `launcher`: see src/cli/launcher.ts. */
export function runMain(launcher: WorkerLauncher): void {
  let pending = '';
  const write = (s: string): void => {
    pending += s;
    if (pending.length < WRITE_PIECE) return;
    process.stdout.write(pending);
    pending = '';
  };
  // Exit only once stdout has drained (a write's callback comes after every earlier write), so piped output is never cut short.
  const exit = (code: number) => process.stdout.write(pending, () => process.exit(code));
  const code = run(process.argv.slice(2), write, (s) => process.stderr.write(s), undefined, launcher);
  if (typeof code === 'number') {
    exit(code);
    return;
  }
  // Output closed early (`| head`): on one thread, the write error comes only after the run, which
  // lints every file and exits with its status. A run with workers writes as it goes: it does the same.
  process.stdout.on('error', () => undefined);
  code.then(exit, (e: unknown) => {
    // As a run on one thread does: the error and its stack, exit status 1.
    process.nextTick(() => {
      throw e;
    });
  });
}
