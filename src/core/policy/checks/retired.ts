import type { LintContext } from '../context';
import type { Target } from '../report';

/** A prefix of a service AWS retired: a warning that says so, rather than an error that it never existed. */
export function reportRetired(ctx: LintContext, prefix: string, text: string, targets: Target[], removable = true): boolean {
  const name = ctx.catalog.retiredService?.(prefix);
  if (name === undefined) return false;
  const named = name && name.toLowerCase() !== prefix.toLowerCase() ? `${name} (${prefix})` : `The service ${prefix}`;
  ctx.r.add('RETIRED_SERVICE', `${named} is retired: AWS no longer lists it in the service authorization reference, so ${text} grants or checks nothing. Remove it.`, targets, removable ? { remove: true, title: { kind: 'remove', value: text } } : undefined);
  return true;
}
