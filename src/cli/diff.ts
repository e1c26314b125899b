import * as path from 'path';
import { diffAccess, hasChanges, formatDiffJson, formatDiffMarkdown, formatDiffText, needsAllServices, readAccess, type FileDiff, type PolicyAccess } from '../core/evaluation/access';
import { detectPolicyType, parsePolicy, servicesReferenced, type PolicyType } from '../core/policy';
import { documentTooLargeMessage } from '../core/policy/limitWords';
import { isTooLarge } from '../node/boundedRead';
import { readPolicyFile } from './inputs';
import { createIamCatalog, type IamCatalogHandle } from '../node/iamData';
import { changedFiles, filesAt, GitError, parseRange, workingFile } from './gitRevisions';
import { formatOption, parseOptions, policyTypeOption, stdinNamedTwice } from './options';

export const DIFF_USAGE = `Usage: sts-lens diff [options] BASE NEW
       sts-lens diff [options] --git REF[..REF2] [PATH...]

Compares what two versions of a policy grant, offline: access NEW allows and BASE does not is
added, the reverse is removed. Reordered, split or merged statements, case in action names,
duplicates and equivalent spellings are no change. With --git, compares each changed policy file
of the working tree (or of REF2) with REF.

Options:
  --policy-type TYPE   IDENTITY_POLICY, RESOURCE_POLICY, TRUST_POLICY, SERVICE_CONTROL_POLICY,
                       RESOURCE_CONTROL_POLICY or auto (default: auto, from the content)
  --format FORMAT      text, json or markdown (default: text)
  --git REF[..REF2]    compare changed .json policy files against the revision REF
  -h, --help           show this help

BASE or NEW may be - for standard input (one of them: standard input is read once).

Exit status: 0 no access changed, 1 access changed, 2 usage error or a file that is not a policy.
`;

interface DiffArgs {
  policyType: PolicyType | 'auto';
  format: 'text' | 'json' | 'markdown';
  git?: string;
  files: string[];
}

function parseDiffArgs(argv: string[]): DiffArgs | 'help' | string {
  const args = parseOptions<DiffArgs>(argv, { policyType: 'auto', format: 'text', files: [] }, {
    values: {
      '--format': formatOption('text', 'json', 'markdown'),
      '--policy-type': policyTypeOption,
      '--git': (v, a) => {
        if (!v) return '--git needs a revision (REF or REF..REF2).';
        a.git = v;
        return undefined;
      },
    },
  });
  if (typeof args === 'string') return args;
  if (!args.git && args.files.length !== 2) return `give two files, BASE and NEW (or --git REF); got ${args.files.length}.`;
  if (!args.git) return stdinNamedTwice(args.files) ?? args;
  return args;
}

/** Loads the IAM data two texts need: every service when one expands `*` or NotAction. */
export function ensureDataFor(handle: IamCatalogHandle, texts: readonly string[]): void {
  if (texts.some(needsAllServices)) handle.ensureAllServicesSync();
  else handle.ensureServicesSync(new Set(texts.flatMap(servicesReferenced)));
}

/** A text read as a policy of the given type, for the partition the ARNs of `partitionTexts` name (see readAccess), or why it cannot be. */
export function policyAccess(text: string, policyType: PolicyType, handle: IamCatalogHandle, partitionTexts: readonly string[] = [text]): PolicyAccess {
  return readAccess(text, policyType, handle.catalog, partitionTexts);
}

function typeOf(requested: PolicyType | 'auto', ...texts: string[]): PolicyType {
  if (requested !== 'auto') return requested;
  const text = texts.find((t) => t.trim() !== '') ?? '';
  return detectPolicyType(text);
}

const EMPTY_POLICY = '{"Version":"2012-10-17","Statement":[]}';

/** Whether a .json file is a policy: it has a top-level Statement. */
function isPolicy(text: string | undefined): boolean {
  return text !== undefined && parsePolicy(text).statement !== undefined;
}

/** Runs `sts-lens diff`; returns the exit status. */
export function runDiff(argv: string[], out: (s: string) => void, err: (s: string) => void, catalog?: IamCatalogHandle, cwd = process.cwd()): number {
  const args = parseDiffArgs(argv);
  if (args === 'help') {
    out(DIFF_USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    err(`sts-lens diff: ${args}\n\n${DIFF_USAGE}`);
    return 2;
  }
  let handle: IamCatalogHandle;
  try {
    handle = catalog ?? createIamCatalog();
  } catch (e) {
    err(`sts-lens diff: could not load the IAM data: ${(e as Error).message}\n`);
    return 2;
  }
  const pairs: { file: string; base: string; baseText: string; newText: string }[] = [];
  let bad = false;
  if (args.git) {
    try {
      const range = parseRange(args.git);
      const changed = changedFiles(range, args.files, cwd).filter((f) => f.path.toLowerCase().endsWith('.json'));
      const bases = filesAt(range.base, changed.map((f) => f.path), cwd);
      const news = range.next ? filesAt(range.next, changed.map((f) => f.path), cwd) : changed.map((f) => (f.inNew ? workingFile(path.join(cwd, f.path)) : undefined));
      changed.forEach((f, i) => {
        const b = bases[i];
        const n = news[i];
        if (n !== undefined && isTooLarge(n)) {
          err(`sts-lens diff: ${f.path} is not a policy that can be compared: ${documentTooLargeMessage(n.bytes, n.atLeast)}\n`);
          bad = true;
          return;
        }
        if (!isPolicy(b) && !isPolicy(n)) return;
        pairs.push({ file: f.path, base: range.base, baseText: b ?? EMPTY_POLICY, newText: n ?? EMPTY_POLICY });
      });
    } catch (e) {
      if (!(e instanceof GitError)) throw e;
      err(`sts-lens diff: git: ${e.message}\n`);
      return 2;
    }
  } else {
    const [baseFile, newFile] = args.files;
    const texts = [baseFile, newFile].map((f) => {
      const read = readPolicyFile(f);
      if ('text' in read) return read.text;
      err(`sts-lens diff: ${read.error}\n`);
      return undefined;
    });
    if (texts[0] === undefined || texts[1] === undefined) return 2;
    pairs.push({ file: newFile, base: baseFile, baseText: texts[0], newText: texts[1] });
  }
  const results: FileDiff[] = [];
  for (const p of pairs) {
    ensureDataFor(handle, [p.baseText, p.newText]);
    const policyType = typeOf(args.policyType, p.newText, p.baseText);
    // Both versions are read for the same partition's resources.
    const both = [p.baseText, p.newText];
    const base = policyAccess(p.baseText, policyType, handle, both);
    const next = policyAccess(p.newText, policyType, handle, both);
    if (base.error || next.error) {
      bad = true;
      if (base.error) err(`sts-lens diff: ${args.git ? `${p.file} at ${p.base}` : p.base} is not a policy that can be compared: ${base.error}.\n`);
      if (next.error) err(`sts-lens diff: ${p.file} is not a policy that can be compared: ${next.error}.\n`);
      continue;
    }
    results.push({ file: p.file, base: p.base, policyType, diff: diffAccess(base, next) });
  }
  out(args.format === 'json' ? formatDiffJson(results) : args.format === 'markdown' ? formatDiffMarkdown(results) : formatDiffText(results));
  if (bad) return 2;
  return results.some((r) => hasChanges(r.diff)) ? 1 : 0;
}
