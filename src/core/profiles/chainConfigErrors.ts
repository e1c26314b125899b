/** One error of the config lint, in a profile's section. */
export interface ProfileConfigError {
  readonly profile: string;
  readonly message: string;
  /** 0-based line in the config file. */
  readonly line: number;
}

/**
 * Errors kept from one lint at most: a config with more is linted again at each check, so that a
 * hostile file never leaves hundreds of megabytes of findings behind.
 */
export const MAX_KEPT_CONFIG_ERRORS = 10_000;

/**
 * The config lint's errors of the files last linted, by the files' key (a hash of their bytes): Start
 * Session, which checks a profile's chain before it calls STS, lints an unchanged config once, not at
 * every start (a 12 MB config takes seconds).
 */
export class ChainConfigErrors {
  private kept: { key: string; errors: readonly ProfileConfigError[] } | undefined;
  /** How many times the files were linted: what a test can see of the reuse. */
  lints = 0;

  /** The errors in the given profiles' sections, in line order; `lint` runs only when `key` differs from the last one kept. */
  of(key: string, lint: () => ProfileConfigError[], profiles: ReadonlySet<string>): ProfileConfigError[] {
    let errors = this.kept?.key === key ? this.kept.errors : undefined;
    if (!errors) {
      this.lints++;
      errors = lint();
      this.kept = errors.length <= MAX_KEPT_CONFIG_ERRORS ? { key, errors } : undefined;
    }
    return errors.filter((e) => profiles.has(e.profile));
  }
}
