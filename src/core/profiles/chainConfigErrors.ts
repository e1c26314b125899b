/** One error of the config lint, in a profile's section. */
export interface ProfileConfigError {
  readonly profile: string;
  readonly message: string;
  /** 0-based line in the config file. */
  readonly line: number;
}

/**
 * Errors kept at most: a config with more is checked again at each start, so that a hostile file
 * never leaves hundreds of megabytes of findings behind.
 */
export const MAX_KEPT_CONFIG_ERRORS = 10_000;

/** Chains whose errors are kept for one version of the files. */
export const MAX_KEPT_CHAINS = 100;

/**
 * The config errors of the chains last checked, kept while the files' key (a hash of their bytes)
 * stays the same: Start Session, which checks a profile's chain before it calls STS, checks an
 * unchanged config once per chain, not at every start.
 */
export class ChainConfigErrors {
  private key: string | undefined;
  private readonly kept = new Map<string, readonly ProfileConfigError[]>();
  private keptErrors = 0;
  /** How many times a chain was checked: what a test can see of the reuse. */
  lints = 0;

  /**
   * The errors about the given profiles, in line order; `lint` runs only when they are not kept for
   * `key` (it may answer later, from another thread).
   */
  async of(key: string, profiles: ReadonlySet<string>, lint: (profiles: ReadonlySet<string>) => ProfileConfigError[] | Promise<ProfileConfigError[]>): Promise<readonly ProfileConfigError[]> {
    this.forKey(key);
    const chain = [...profiles].sort().join('\u0000');
    const kept = this.kept.get(chain);
    if (kept) return kept;
    this.lints++;
    const errors = await lint(profiles);
    // Another version of the files was checked meanwhile: these errors are not theirs to keep.
    if (key !== this.key) return errors;
    if (this.kept.size < MAX_KEPT_CHAINS && this.keptErrors + errors.length <= MAX_KEPT_CONFIG_ERRORS) {
      this.kept.set(chain, errors);
      this.keptErrors += errors.length;
    }
    return errors;
  }

  private forKey(key: string): void {
    if (key === this.key) return;
    this.key = key;
    this.kept.clear();
    this.keptErrors = 0;
  }
}
