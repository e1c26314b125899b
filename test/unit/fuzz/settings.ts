import type { Parameters } from 'fast-check';

/**
 * Fuzz settings. The unit run uses a fixed seed and few runs, so it is quick and the same every
 * time; `npm run fuzz` sets FUZZ_SEED (random unless given) and FUZZ_RUNS for a long run, and a
 * failure's seed and path replay it: FUZZ_SEED=<seed> npm run fuzz.
 */
export function fuzzParameters<T>(unitRuns: number): Parameters<T> {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261128;
  const numRuns = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : unitRuns;
  return { seed, numRuns, endOnFailure: true };
}

/** 1-based line and 0-based column of `offset`, counted directly from the text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}

/** Mocha's timeout for a fuzz test: a minute in the unit run, none for a long run. */
export function fuzzTimeout(): number {
  return process.env.FUZZ_RUNS ? 0 : 60_000;
}
