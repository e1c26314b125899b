import { POLICY_TYPES, type PolicyType } from '../core/policy';

/**
 * What a subcommand accepts besides its files: options that take a value (`--name VALUE` or
 * `--name=VALUE`) and flags. Each handler records what it was given in the subcommand's arguments
 * and returns a message when the value is wrong.
 */
export interface OptionSpec<A> {
  readonly values?: Readonly<Record<string, (value: string | undefined, args: A) => string | undefined>>;
  readonly flags?: Readonly<Record<string, (args: A) => void>>;
}

/**
 * Reads a subcommand's arguments into `args`: files in order, `-` for standard input, everything
 * after `--` a file. Returns 'help' for -h/--help, or the first problem as a message.
 */
export function parseOptions<A extends { files: string[] }>(argv: readonly string[], args: A, spec: OptionSpec<A>): A | 'help' | string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const takesValue = spec.values && Object.hasOwn(spec.values, name) ? spec.values[name] : undefined;
    const flag = eq < 0 && spec.flags && Object.hasOwn(spec.flags, a) ? spec.flags[a] : undefined;
    if (takesValue) {
      const problem = takesValue(eq > 0 ? a.slice(eq + 1) : argv[++i], args);
      if (problem) return problem;
    } else if (flag) flag(args);
    else if (a === '--') {
      args.files.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') return `unknown option "${a}".`;
    else args.files.push(a);
  }
  return args;
}

/** `--policy-type TYPE`: auto or one of the policy types, in any case. */
export function policyTypeOption<A extends { policyType: PolicyType | 'auto' }>(value: string | undefined, args: A): string | undefined {
  const v = (value ?? '').toUpperCase();
  if (v !== 'AUTO' && !(POLICY_TYPES as readonly string[]).includes(v)) return `--policy-type must be auto or one of ${POLICY_TYPES.join(', ')}; got "${v}".`;
  args.policyType = v === 'AUTO' ? 'auto' : (v as PolicyType);
  return undefined;
}

/** `--format FORMAT`, one of `formats`. */
export function formatOption<F extends string>(...formats: F[]): <A extends { format: F }>(value: string | undefined, args: A) => string | undefined {
  return (value, args) => {
    if (value !== undefined && (formats as string[]).includes(value)) {
      args.format = value as F;
      return undefined;
    }
    const names = formats.length > 1 ? `${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}` : formats[0];
    return `--format must be ${names}; got ${value === undefined ? 'nothing' : `"${value}"`}.`;
  };
}

/**
 * Why the arguments cannot be run when they name standard input (`-`) more than once, or undefined.
 * Standard input can be read only once: a second read finds it at its end, and reusing the one
 * text would compare or lint a document with itself, which no one means.
 */
export function stdinNamedTwice(inputs: readonly (string | undefined)[]): string | undefined {
  const times = inputs.filter((f) => f === '-').length;
  return times > 1 ? `- (standard input) is given ${times} times, but standard input can be read only once: give - once, and save the other text to a file.` : undefined;
}
