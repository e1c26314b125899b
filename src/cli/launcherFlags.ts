// The V8 flags the launcher (src/cli/launcher.ts) sets for a run, before the CLI bundle is
// compiled. Apart from the launcher so that the choice can be tested: only Node built-ins, or none.
//
// A lint run is short and meets each function of the linter a few thousand times at most: V8's
// default eagerness to optimize spends more on optimizing compiles (and their deoptimizations) than
// the run gets back from them, so every run waits about nine times longer before V8 optimizes a
// function (--interrupt-budget).
//
// The functions V8 does optimize in a lint of files (about 25) are small and hot: optimizing them
// without inlining their callees (--no-turbo-inlining) costs less to compile than the inlined code
// saves over so short a run. Over the 764 AWS managed policies: 1.9% fewer instructions (3.163 G to
// 3.103 G under --predictable) and about 3% less CPU time by alternating runs; wall time the same.
//
// A lint of files allocates about 90 MB over the AWS managed policies and keeps what the checks
// cache (the IAM data they read; about 20 MB at the end). V8 starts with a 1 MB young generation and
// doubles it only once more than its size has survived since it last grew: the run took about 100
// scavenges, each scanning the roots and the old generation's pointers into the young one again.
// The starting size is read from node's command line as V8 sets the heap up, before the launcher
// runs, but three of V8's heuristics read their flags as they go:
// - growth (--semi-space-growth-factor=16): the first growth takes the young generation from 1 MB
//   to its largest (16 MB), and the corpus takes 6 scavenges;
// - incremental marking (off): with a young generation that large, V8 starts marking the old
//   generation once its room left is below the young generation's size, which came near the end of
//   the corpus: the marking, done on other threads, was wasted when the run ended first, and when
//   it did not, its mark-compact took back about all that the larger young generation saved.
//   Without it, the old generation is still collected, in one pause, when it reaches V8's limit;
// - the idle-time scavenge (--no-minor-gc-task): V8 schedules a scavenge as a task once the young
//   generation is 80% full, and tasks run only once the lint is over, while the output drains: it
//   was a whole scavenge just before the process exits.

/** Which of V8's flags a run sets: also the name of its code cache (V8 refuses code cached under other flags). */
export type FlagSet = 'default' | 'batch' | 'files';

/** Node 20's V8 spends an interrupt budget of 66 KB of bytecode before it considers optimizing a function. */
const INTERRUPT_BUDGET = 600 * 1024;

/** A lint of files: the young generation grows from its starting size to its largest at once; no marking before the limit, no idle-time scavenge. */
const FILES_GC = ['--semi-space-growth-factor=16', '--no-incremental-marking', '--no-minor-gc-task'];

/** The flag set for a command line (the arguments after the script) and environment. */
export function flagSet(args: readonly string[], env: NodeJS.ProcessEnv): FlagSet {
  if (env.STS_LENS_V8_DEFAULTS === '1') return 'default';
  // A dump read with --auth-details is one large document kept whole: V8's default growth suits it.
  if (args[0] !== 'lint' || args.some((a) => a === '--auth-details' || a.startsWith('--auth-details='))) return 'batch';
  return 'files';
}

/** The flags of a set, each for v8.setFlagsFromString. */
export function v8Flags(set: FlagSet): string[] {
  if (set === 'default') return [];
  const flags = [`--interrupt-budget=${INTERRUPT_BUDGET}`];
  if (set === 'files') flags.push('--no-turbo-inlining', ...FILES_GC);
  return flags;
}
