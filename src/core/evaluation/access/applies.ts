import type { ActionInfo, IamCatalog } from '../../policy/catalog';
import { formatService, resourceMatchesFormat, splitArnCached } from '../../policy/checks/arnFormats';
import { resourceMatch } from '../operators';

/** The ARN formats of some resource types, the services those ARNs name, and which Resource values can name one. */
export interface FormatSet {
  /** Empty: the action has no resource types (only `*` names its resource), or the data lacks their formats (see `starOnly`). */
  readonly formats: readonly string[];
  /** The action has no resource types: its requests are for `*`. */
  readonly starOnly?: boolean;
  /** Some resource type is required: every request is for a resource of one of these types, never for `*`. */
  readonly typed?: boolean;
  readonly services: ReadonlySet<string>;
  readonly fits: Map<string, boolean>;
  /** Per partition and Resource value: for each format, whether the value matches every ARN of it. */
  readonly covers?: Map<string, readonly boolean[]>;
}

/** Types the data gives no ARN format for: nothing can be told. */
const NO_FORMATS: FormatSet = { formats: [], services: new Set(), fits: new Map() };
const STAR_ONLY: FormatSet = { formats: [], starOnly: true, services: new Set(), fits: new Map() };
/** Per action, and per list of formats: actions of one service mostly share their resource types. */
const byAction = new WeakMap<ActionInfo, FormatSet>();
const byFormats = new Map<string, FormatSet>();

/**
 * The ARN formats of an action's resource types (the IAM data's "Resource types" column). An action
 * with none is named only by `*`: "If there is no value for this column, you must specify all
 * resources ("*") to which the policy applies in the Resource element of your policy statement."
 */
export function actionFormats(info: ActionInfo, catalog: IamCatalog): FormatSet {
  let set = byAction.get(info);
  if (!set) {
    const formats = new Set<string>();
    for (const rt of info.resourceTypes) for (const f of catalog.resourceType(info.service, rt.name)?.arnFormats ?? []) formats.add(f);
    const list = [...formats].sort();
    const typed = info.resourceTypes.some((rt) => rt.required);
    const key = `${typed ? 'required' : 'optional'}\n${list.join('\n')}`;
    set = info.resourceTypes.length === 0 ? STAR_ONLY : list.length === 0 ? NO_FORMATS : byFormats.get(key);
    if (!set) {
      set = { formats: list, ...(typed ? { typed } : {}), services: new Set(list.map(formatService)), fits: new Map(), covers: new Map() };
      if (byFormats.size > 5000) byFormats.clear();
      byFormats.set(key, set);
    }
    byAction.set(info, set);
  }
  return set;
}

/** An ARN field of a policy pattern against the same field of a format: empty in the format takes only what can be empty. */
function fieldFits(pattern: string, format: string): boolean {
  if (format === '') {
    for (let i = 0; i < pattern.length; i++) if (pattern.charCodeAt(i) !== 42) return false;
    return true;
  }
  return pattern !== '';
}

/**
 * Whether a Resource value of a statement can name a resource of one of these formats. AWS matches
 * the Resource element against the ARN of the resource a request is for, and the requests of an
 * action are for resources of its types: an S3 bucket's ARN is never the resource of s3:PutObject.
 * What cannot be told apart stays possible: `*`, values that are not ARNs (the linter reports them),
 * service wildcards, and resource types the data gives no ARN format for. An action with no
 * resource types is named by `*` alone.
 */
export function resourceCanApply(resource: string, set: FormatSet): boolean {
  if (resource === '*') return true;
  if (set.starOnly) return false;
  if (set.formats.length === 0) return true;
  let fits = set.fits.get(resource);
  if (fits === undefined) {
    fits = computeFits(resource, set);
    if (set.fits.size > 2000) set.fits.clear();
    set.fits.set(resource, fits);
  }
  return fits;
}

function computeFits(resource: string, set: FormatSet): boolean {
  const arn = splitArnCached(resource);
  if (!arn || /[*?$]/.test(arn.service)) return true;
  if (!set.services.has(arn.service)) return false;
  return set.formats.some((f) => {
    const format = splitArnCached(f);
    if (!format) return true;
    return formatService(f) === arn.service && fieldFits(arn.region, format.region) && fieldFits(arn.account, format.account) && resourceMatchesFormat(arn.resource, f);
  });
}

/**
 * Whether some Resource values together name every resource of an action with these formats, as
 * `*` does for it. The Service Authorization Reference: "Required resources are indicated in the
 * table with an asterisk (*). If you limit resource access with the Resource element in an IAM
 * policy, you must include an ARN or pattern for each required resource type." So when a type is
 * required, each request is for resources of the listed types, each authorized against the
 * statement's values, and values that between them match every ARN of every listed format (each
 * format by one of them: `arn:aws:ec2:*:*:instance/*` with `arn:aws:ec2:*:*:volume/*`) leave no
 * resource out. When every type is optional a request may be for none of them (`*`), which only
 * `*` names. A format's placeholders stand for any text: a value must hold a `*` wherever one
 * stands, so a `?` or a policy variable never counts. `${Partition}` is the policy's partition when
 * the caller knows it ("Each AWS account is scoped to one partition"), otherwise any.
 */
export function namesEveryResource(resources: string | readonly string[], set: FormatSet, partition: string | undefined): boolean {
  const values = typeof resources === 'string' ? [resources] : resources;
  if (values.includes('*')) return true;
  if (!set.typed || values.length === 0) return false;
  const each = values.map((r) => formatsCovered(r, set, partition));
  return set.formats.every((_, i) => each.some((covered) => covered[i]));
}

const NONE_COVERED: readonly boolean[] = [];

/** Per format of the set, whether the value matches every ARN of it. */
function formatsCovered(resource: string, set: FormatSet, partition: string | undefined): readonly boolean[] {
  if (!set.covers) return NONE_COVERED;
  const key = `${partition ?? ''}\u0000${resource}`;
  let covered = set.covers.get(key);
  if (covered === undefined) {
    covered = /\?|\$\{/.test(resource) ? NONE_COVERED : set.formats.map((f) => resourceMatch(resource, anyInstance(f, partition)));
    if (set.covers.size > 2000) set.covers.clear();
    set.covers.set(key, covered);
  }
  return covered;
}

/**
 * A format with each placeholder as a character no policy text holds, so that a pattern without
 * `?` matches it exactly when a `*` of the pattern spans each placeholder: then it matches every
 * text the placeholder can take.
 */
function anyInstance(format: string, partition: string | undefined): string {
  return format.replace(/\$\{([^}]*)\}/g, (_, name: string) => (name === 'Partition' && partition !== undefined ? partition : '\u0000'));
}

/**
 * The one partition the ARNs of some policy texts name (`arn:aws-cn:…` in every ARN), or undefined
 * when they name none or several, or some ARN leaves it open (`arn:*:…`: written for any partition).
 */
export function policyPartition(texts: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const t of texts) {
    for (const m of t.matchAll(/\barn:([^:"\s]*):/g)) {
      if (!/^[\w-]+$/.test(m[1]) || (found !== undefined && found !== m[1])) return undefined;
      found = m[1];
    }
  }
  return found;
}
