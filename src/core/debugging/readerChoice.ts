/** A profile that could read an account's policies: its name, and its account when its config says (a role ARN). */
export interface ReaderCandidate {
  readonly name: string;
  readonly account?: string;
}

export interface ReaderContext {
  /** The account whose policies are read. */
  readonly account?: string;
  /** The identity that just read them, partly: never suggested again. */
  readonly current?: string;
  /** The profile that last read every part of this account's policies. */
  readonly remembered?: string;
}

/** Word stems that name a profile meant for reading policies: a reader, an auditor, a security reviewer. */
const READER_STEMS = ['polic', 'read', 'audit', 'secur', 'inspect', 'review'];

function readerScore(name: string): number {
  const lower = name.toLowerCase();
  return READER_STEMS.filter((stem) => lower.includes(stem)).length;
}

/**
 * The profile to offer first when an identity may not read all of an account's policies: the one
 * that last read every part of them, else the profile whose name says most clearly that it reads
 * policies (ties in config order). Profiles known to be in another account are never offered, nor
 * is the identity that just failed. Undefined when no profile stands out.
 */
export function suggestedReader(candidates: readonly ReaderCandidate[], ctx: ReaderContext): string | undefined {
  const eligible = candidates.filter((c) => c.name !== ctx.current && (!ctx.account || !c.account || c.account === ctx.account));
  if (ctx.remembered && eligible.some((c) => c.name === ctx.remembered)) return ctx.remembered;
  let best: string | undefined;
  let bestScore = 0;
  for (const c of eligible) {
    const score = readerScore(c.name);
    if (score > bestScore) {
      best = c.name;
      bestScore = score;
    }
  }
  return best;
}
