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
// cache (the IAM data they read; about 20 MB at the end). V8 starts with a 1 MB young generation
// (two 1 MB halves) and by default doubles it, up to 16 MB, each time much of it survives a
// scavenge: over the corpus it reached 16 MB, and the process touched 32 MB of young generation.
// Every page a process touches for the first time costs a page fault, and on the virtual machines
// CI and most cloud desktops run on, a fault costs several microseconds (a Node process that
// touches 64 MB more spends about 0.2 s more CPU on a 2-core CI machine): the 16 MB young
// generation cost about 6,500 more faults than a 1 MB one, and its scavenges ran out of the
// processor's caches. Counting instructions alone hides both
// (fewer, larger scavenges execute fewer instructions); CPU time shows them. The starting size is
// read from node's command line as V8 sets the heap up, before the launcher runs, but four of
// V8's heuristics read their flags as they go:
// - growth (--semi-space-growth-factor=1): the young generation keeps its starting 1 MB; the
//   corpus takes about 100 cheap scavenges, and about 10% less CPU time (user and system) than
//   with a 16 MB young generation (17,100 to 10,500 page faults; alternating runs of the corpus);
// - incremental marking (off): V8 would start marking the old generation on other threads well
//   before its limit, and over so short a run the marking is mostly wasted. Without it, the old
//   generation is still collected, in one pause, when it reaches V8's limit;
// - the idle-time scavenge (--no-minor-gc-task): V8 schedules a scavenge as a task once the young
//   generation is 80% full, and tasks run only once the lint is over, while the output drains: it
//   was a whole scavenge just before the process exits;
// - scavenges on this thread alone (--no-parallel-scavenge): a 1 MB scavenge is over in about a
//   millisecond, and handing its pieces to V8's helper threads and waiting for them costs more than
//   it saves: over the corpus about 7-11% less CPU time (660-700 to 616-622 ms, medians of 21
//   alternating runs, twice), wall time the same within noise, and no helper thread to wake for
//   each of about 80 scavenges on a machine whose cores are busy.

/** Which of V8's flags a run sets: also the name of its code cache (V8 refuses code cached under other flags). */
export type FlagSet = 'default' | 'batch' | 'files';

/** Node 20's V8 spends an interrupt budget of 66 KB of bytecode before it considers optimizing a function. */
const INTERRUPT_BUDGET = 600 * 1024;

/** A lint of files: the young generation keeps its starting size; no marking before the limit, no idle-time scavenge, scavenges on this thread. */
const FILES_GC = ['--semi-space-growth-factor=1', '--no-incremental-marking', '--no-minor-gc-task', '--no-parallel-scavenge'];

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
