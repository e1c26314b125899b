import * as l10n from '@vscode/l10n';
import type { AwsProfile, ProfileKind, ProfilesModel } from './profileTypes';

/**
 * Profiles' credential chains: `source_profile` links followed from a profile back to its base
 * credentials. A config file may hold a line or a loop of thousands of roles, and the Profiles view
 * asks for every profile's chain: each chain is built from its source's in constant time, the
 * profiles of a loop share one walk of it, and the texts show a long chain's ends, so all the
 * chains of a file cost time and memory linear in its size. A chain's full list of steps is made
 * only when something reads `steps`.
 */

/** One link of a profile's credential chain, from where the keys come from to the profile itself. */
export interface ChainStep {
  readonly profile: string;
  readonly kind: ProfileKind;
  /** The role this step assumes, when it assumes one. */
  readonly roleArn?: string;
  readonly mfaSerial?: string;
  /** `Environment`, `Ec2InstanceMetadata` or `EcsContainer` when the chain starts at a credential source. */
  readonly credentialSource?: string;
}

export interface ProfileChain {
  /** Ordered from the base credentials to the profile itself. */
  readonly steps: readonly ChainStep[];
  /** Profile names forming a `source_profile` cycle, first repeated name last. */
  readonly cycle?: readonly string[];
  /** A `source_profile` that names no profile. */
  readonly missingProfile?: string;
  /** Number of AssumeRole calls in the chain; more than one is role chaining (1-hour cap). */
  readonly roleHops: number;
}

/** Steps and names shown at each end of a long chain's or loop's text. */
export const ENDS = 5;

/** A chain's steps, read at its ends without being made into a list. */
interface StepSeq {
  readonly length: number;
  /** The first `k` (at most ENDS) steps. */
  first(k: number): ChainStep[];
  /** The last `k` (at most ENDS) steps. */
  last(k: number): ChainStep[];
  all(): ChainStep[];
}

class ArraySeq implements StepSeq {
  constructor(private readonly steps: readonly ChainStep[]) {}
  get length(): number {
    return this.steps.length;
  }
  first(k: number): ChainStep[] {
    return this.steps.slice(0, k);
  }
  last(k: number): ChainStep[] {
    return k > 0 ? this.steps.slice(-k) : [];
  }
  all(): ChainStep[] {
    return [...this.steps];
  }
}

/** The steps of the walk round a loop that starts at `ring[start]`: they run from the last profile met to it. */
class RingSeq implements StepSeq {
  constructor(private readonly ring: readonly ChainStep[], private readonly start: number) {}
  get length(): number {
    return this.ring.length;
  }
  private at(i: number): ChainStep {
    const n = this.ring.length;
    return this.ring[(((this.start - 1 - i) % n) + n) % n];
  }
  first(k: number): ChainStep[] {
    return Array.from({ length: Math.min(k, this.length) }, (_, i) => this.at(i));
  }
  last(k: number): ChainStep[] {
    const m = Math.min(k, this.length);
    return Array.from({ length: m }, (_, i) => this.at(this.length - m + i));
  }
  all(): ChainStep[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
}

/** The source's steps and then the profile's own: its ends are kept, so making it costs constant time. */
class LinkSeq implements StepSeq {
  readonly length: number;
  private readonly head: ChainStep[];
  private readonly tail: ChainStep[];

  constructor(readonly before: StepSeq, readonly own: ChainStep) {
    this.length = before.length + 1;
    this.head = before.length >= ENDS ? before.first(ENDS) : [...before.all(), own];
    this.tail = [...before.last(ENDS - 1), own];
  }
  first(k: number): ChainStep[] {
    return this.head.slice(0, k);
  }
  last(k: number): ChainStep[] {
    return k > 0 ? this.tail.slice(-k) : [];
  }
  all(): ChainStep[] {
    // Iterative: a line of 100,000 roles is 100,000 links deep.
    const owns: ChainStep[] = [this.own];
    let seq: StepSeq = this.before;
    while (seq instanceof LinkSeq) {
      owns.push(seq.own);
      seq = seq.before;
    }
    return [...seq.all(), ...owns.reverse()];
  }
}

/** Names read by position without being made into a list: a loop's, first repeated name last, from any start. */
export interface NameSeq {
  readonly length: number;
  at(i: number): string;
}

function nameLoopOf(names: readonly string[]): NameSeq {
  return { length: names.length, at: (i) => names[i] };
}

/** The chains profileChain builds: `steps` and `cycle` are made into arrays only when read, then kept. */
class BuiltChain implements ProfileChain {
  private madeSteps: readonly ChainStep[] | undefined;
  private madeCycle: readonly string[] | undefined;

  constructor(
    readonly stepSeq: StepSeq,
    readonly roleHops: number,
    /** Whether a role step of the chain has an mfa_serial. */
    readonly mfa: boolean,
    readonly cycleLoop?: NameSeq,
    readonly missingProfile?: string,
  ) {}

  get steps(): readonly ChainStep[] {
    return (this.madeSteps ??= this.stepSeq.all());
  }

  get cycle(): readonly string[] | undefined {
    return this.cycleLoop && (this.madeCycle ??= Array.from({ length: this.cycleLoop.length }, (_, i) => this.cycleLoop!.at(i)));
  }
}

function stepSeqOf(chain: ProfileChain): StepSeq {
  return chain instanceof BuiltChain ? chain.stepSeq : new ArraySeq(chain.steps);
}

function cycleLoopOf(chain: ProfileChain): NameSeq | undefined {
  if (chain instanceof BuiltChain) return chain.cycleLoop;
  return chain.cycle && nameLoopOf(chain.cycle);
}

function assumesRole(p: AwsProfile): boolean {
  return !!p.roleArn && (p.kind === 'role' || p.kind === 'webIdentity');
}

function stepOf(p: AwsProfile): ChainStep {
  return { profile: p.name, kind: p.kind, roleArn: assumesRole(p) ? p.roleArn : undefined, mfaSerial: p.mfaSerial };
}

function needsCode(s: ChainStep): boolean {
  return !!s.roleArn && !!s.mfaSerial;
}

/**
 * Follows `source_profile` links from `name` back to the base credentials. A profile naming itself
 * as source with static keys is the SDK's documented "role from own keys" form, not a cycle.
 */
export function profileChain(model: ProfilesModel, name: string): ProfileChain {
  // The tree asks for every profile's chain several times per refresh; a model never changes.
  let cache = chains.get(model);
  if (!cache) chains.set(model, (cache = new Map()));
  // A role whose source has no static keys has its source's chain plus its own step: the chains of
  // a long line of roles are built from each other instead of each walking the whole line.
  const pending: AwsProfile[] = [];
  const pendingNames = new Set<string>();
  let current = name;
  let base = cache.get(current);
  while (!base) {
    const p = model.profiles.get(current);
    const source = p?.kind === 'role' && p.sourceProfile !== undefined && p.sourceProfile !== p.name ? model.profiles.get(p.sourceProfile) : undefined;
    if (!p || !source || source.hasStaticKeys || pendingNames.has(p.name)) {
      base = walkChain(model, current);
      cache.set(current, base);
      if (base.cycleLoop) cacheLoop(model, base.cycleLoop, base, cache);
      break;
    }
    pending.push(p);
    pendingNames.add(p.name);
    current = source.name;
    base = cache.get(current);
  }
  for (let k = pending.length - 1; k >= 0; k--) {
    const p = pending[k];
    // The profiles of a loop were cached from one walk round it; one leading into it adds its step.
    base = cache.get(p.name) ?? withStep(base, p);
    cache.set(p.name, base);
  }
  return base;
}

const chains = new WeakMap<ProfilesModel, Map<string, BuiltChain>>();

/**
 * Caches the chain of every profile on the loop a walk found: each walks the same loop from its own
 * place, so its steps and its cycle are the loop's, read from another start, in constant time each.
 */
function cacheLoop(model: ProfilesModel, loop: NameSeq, walked: BuiltChain, cache: Map<string, BuiltChain>): void {
  // A walk that found a loop met nothing else: it began on the loop, at loop.at(0).
  if (walked.stepSeq.length !== loop.length - 1) return;
  const size = loop.length - 1;
  const ring = Array.from({ length: size }, (_, i) => stepOf(model.profiles.get(loop.at(i))!));
  for (let j = 1; j < size; j++) {
    const name = loop.at(j);
    if (cache.has(name)) continue;
    const cycle: NameSeq = { length: size + 1, at: (i) => loop.at((j + i) % size) };
    cache.set(name, new BuiltChain(new RingSeq(ring, j), walked.roleHops, walked.mfa, cycle));
  }
}

/** `chain` (of the profile's source) followed by the profile's own step. */
function withStep(chain: BuiltChain, p: AwsProfile): BuiltChain {
  const own = stepOf(p);
  return new BuiltChain(new LinkSeq(chain.stepSeq, own), chain.roleHops + (own.roleArn ? 1 : 0), chain.mfa || needsCode(own), chain.cycleLoop, chain.missingProfile);
}

function walkChain(model: ProfilesModel, name: string): BuiltChain {
  const reversed: ChainStep[] = [];
  const seen: string[] = [];
  // A set beside the list: a search of the list at every step is quadratic in the chain's length.
  const seenSet = new Set<string>();
  const done = (extra: { cycle?: string[]; missingProfile?: string } = {}) => {
    const steps = reversed.reverse();
    return new BuiltChain(new ArraySeq(steps), roleHops, steps.some(needsCode), extra.cycle && nameLoopOf(extra.cycle), extra.missingProfile);
  };
  let current: string | undefined = name;
  let roleHops = 0;
  while (current !== undefined) {
    const p = model.profiles.get(current);
    if (!p) return done({ missingProfile: current });
    // As the JavaScript SDK does, a source profile's static keys win over its own role_arn,
    // even when the chain comes back to the profile it started from.
    if (seen.length > 0 && p.hasStaticKeys) {
      reversed.push({ profile: p.name, kind: 'static' });
      break;
    }
    if (seenSet.has(current)) return done({ cycle: [...seen.slice(seen.indexOf(current)), current] });
    seen.push(current);
    seenSet.add(current);
    if (assumesRole(p)) roleHops++;
    reversed.push(stepOf(p));
    if (p.kind === 'role' && !p.sourceProfile && p.credentialSource) {
      reversed.push({ profile: p.credentialSource, kind: 'static', credentialSource: p.credentialSource });
      break;
    }
    if (p.kind !== 'role' || !p.sourceProfile) break;
    if (p.sourceProfile === p.name) {
      if (p.hasStaticKeys) {
        reversed.push({ profile: p.name, kind: 'static' });
        break;
      }
      return done({ cycle: [p.name, p.name] });
    }
    current = p.sourceProfile;
  }
  return done();
}

/** Whether resolving the profile prompts for an MFA code: any role step in its chain with `mfa_serial`. */
export function needsMfa(model: ProfilesModel, name: string): boolean {
  const chain = profileChain(model, name);
  return chain instanceof BuiltChain ? chain.mfa : chain.steps.some(needsCode);
}

/** The first step of a chain (its base credentials), without making the list of its steps. */
export function chainBase(chain: ProfileChain): ChainStep | undefined {
  return stepSeqOf(chain).first(1)[0];
}

/** The few words a chain's text needs (`chainWords`). */
export interface ChainWords {
  /** The steps left out of the middle of a long chain: `… 1,990 more …`. */
  more(count: number): string;
  /** `cycle: a → b → a`. */
  cycle(path: string): string;
  /** `missing profile "x"`. */
  missingProfile(name: string): string;
}

/**
 * A chain's words in the display language (English unconfigured, as in the command line), a count
 * written as `locale` writes numbers (the editor passes its display language).
 */
export function chainWords(locale = 'en-US'): ChainWords {
  return {
    more: (count) => l10n.t('… {0} more …', count.toLocaleString(locale)),
    cycle: (path) => l10n.t('cycle: {0}', path),
    missingProfile: (name) => l10n.t('missing profile "{0}"', name),
  };
}

/** Longer chains and loops show only their ends in text. */
export const LISTED_WHOLE = 12;

/** A long list as people read it: its first and last ENDS entries around how many are left out. */
function ends<T>(length: number, all: () => T[], first: () => T[], last: () => T[], word: (t: T) => string, words: ChainWords): string[] {
  if (length <= LISTED_WHOLE) return all().map(word);
  return [...first().map(word), words.more(length - 2 * ENDS), ...last().map(word)];
}

function stepEnds(seq: StepSeq, word: (s: ChainStep) => string, words: ChainWords): string[] {
  return ends(seq.length, () => seq.all(), () => seq.first(ENDS), () => seq.last(ENDS), word, words);
}

/** Names joined by arrows as people read them (`a → b → … 30 more … → z`): a loop's, or a path of profiles. */
export function namesText(seq: NameSeq, words: ChainWords): string {
  const names = (from: number, k: number) => Array.from({ length: k }, (_, i) => seq.at(from + i));
  const n = seq.length;
  return ends(n, () => names(0, n), () => names(0, ENDS), () => names(n - ENDS, ENDS), (x) => x, words).join(' → ');
}

/** The number of steps in a chain, without making the list of them. */
export function chainStepCount(chain: ProfileChain): number {
  return stepSeqOf(chain).length;
}

/** Whether the chain never reaches credentials: it loops, or names a profile that does not exist. */
export function isBrokenChain(chain: ProfileChain): boolean {
  return !!cycleLoopOf(chain) || chain.missingProfile !== undefined;
}

/** The chain as one line for people: `base → role/Admin → role/Deploy`. */
export function chainText(chain: ProfileChain, words: ChainWords): string {
  const word = (s: ChainStep) => (s.roleArn ? `${s.profile} (${shortRoleArn(s.roleArn)})` : s.credentialSource ? `${s.credentialSource}` : s.profile);
  // A long chain shows its ends: the base credentials and the last roles assumed.
  const parts = stepEnds(stepSeqOf(chain), word, words);
  const loop = cycleLoopOf(chain);
  if (loop) parts.push(words.cycle(namesText(loop, words)));
  if (chain.missingProfile) parts.unshift(words.missingProfile(chain.missingProfile));
  return parts.join(' → ');
}

/**
 * The chain as it fits a tree row: the base profile, then each role's name
 * (`sts-user → sts_role → chained_role`); broken chains keep their full text.
 */
export function shortChainText(chain: ProfileChain, words: ChainWords): string {
  if (isBrokenChain(chain)) return chainText(chain, words);
  const seq = stepSeqOf(chain);
  const base = seq.first(1)[0];
  return stepEnds(seq, (s) => (s.roleArn && s !== base ? roleNameOf(s.roleArn) : s.roleArn ? `${s.profile}` : s.credentialSource ?? s.profile), words).join(' → ');
}

/** `arn:aws:iam::123456789012:role/path/Name` → `Name`. */
export function roleNameOf(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  const slash = resource.lastIndexOf('/');
  return slash >= 0 ? resource.slice(slash + 1) : arn;
}

/** `arn:aws:iam::123456789012:role/path/Name` → `Name @ 123456789012`. */
export function shortRoleArn(arn: string): string {
  const m = /^arn:[\w-]+:(?:iam|sts)::(\d{12}):(?:role|assumed-role|user|federated-user)\/(?:.*\/)?([^/]+)(?:\/([^/]+))?$/.exec(arn);
  if (!m) return arn;
  const assumed = /:assumed-role\//.test(arn);
  if (assumed) {
    const parts = arn.split(':').slice(5).join(':').split('/');
    return `${parts[1]} @ ${m[1]}`;
  }
  return `${m[2]}${m[3] ? `/${m[3]}` : ''} @ ${m[1]}`;
}
