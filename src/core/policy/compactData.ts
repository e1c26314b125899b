// The IAM data of the build's compact snapshot (scripts/build-iam-snapshot.js), turned into the
// catalog's actions, resource types and condition keys as they are first read.
import { globMatch, wildcardFirst } from './actions';
import type { AccessLevel, ActionInfo, ConditionKeyInfo, ResourceTypeInfo } from './catalogTypes';

/**
 * One service in the compact snapshot the build writes (scripts/build-iam-snapshot.js): the action
 * names and where each ends, each action's resource types, and the resource types and
 * condition keys as tuples; the actions' tuples and the descriptions are kept apart.
 */
export interface CompactServiceData {
  /** Action names, one per line, in the data's order. */
  n: string;
  /** Where each name ends in `n` (the offset of the line break after it); absent: found by reading `n`. */
  e?: number[];
  /**
   * The distinct lists of resource types the actions accept, one line per list, a character per type:
   * TYPE_BASE plus its index in the service's resource types. Absent when an action names a type the
   * service lacks.
   */
  l?: string;
  /** Each action's list of resource types, a character per action: TYPE_BASE plus the list's index in `l`. Absent with `l`. */
  t?: string;
  /**
   * The action indexes in ascending order of name (by code unit), a character each: TYPE_BASE plus
   * the index. Absent when the names are in that order already.
   */
  o?: string;
}

/** The character of a service's first resource type in CompactServiceData.l, and of its first action in CompactServiceData.o. */
export const TYPE_BASE = 48;

/** A compact service's text parts, each read and parsed on first use. */
export interface CompactServiceText {
  /** JSON of [name, arnFormat, conditionKeys] tuples. */
  resourceTypes(): string;
  /** JSON of [key, type] tuples. */
  conditionKeys(): string;
  /**
   * JSON of [keys, sets, perAction]: the lowercased condition keys the service's actions support, each
   * distinct set of them (a character per key, TYPE_BASE plus its index in keys) and a character per
   * action (TYPE_BASE plus the index of its set). See ActionInfo.supportedKeys.
   */
  supportedKeys(): string;
  /**
   * The tuple of the action at index `i`: [accessLevel, [[resourceType, required (1|0), conditionKeys]],
   * conditionKeys, dependentActions]. The service's tuples are read when one is first asked for.
   */
  action(i: number): string;
}

/** One service as the snapshot gives it: its data, its text, and its descriptions, read on first use. */
export interface CompactServiceParts {
  data: CompactServiceData;
  text: CompactServiceText;
  descriptions: () => CompactDescriptions | undefined;
}

type CompactActionTuple = [string, [string, number?, string[]?][]?, string[]?, string[]?];

/** A service's descriptions, in the order of its compact actions and condition keys. */
export type CompactDescriptions = [actions: string[], conditionKeys: string[]];

/** Reads one service's descriptions on first use: hovers and completions need them, linting does not. */
class LazyDescriptions {
  private loaded?: CompactDescriptions;
  constructor(private readonly load: () => CompactDescriptions | undefined) {}
  get(kind: 0 | 1, i: number): string {
    if (!this.loaded) {
      try {
        this.loaded = this.load() ?? [[], []];
      } catch {
        this.loaded = [[], []];
      }
    }
    return this.loaded[kind][i] ?? '';
  }
}

const NO_KEYS: string[] = [];

/** One compact service's action tuples, each parsed when an action's details are first read. */
interface CompactActionSource {
  tuple(i: number): CompactActionTuple;
  /** An action's resource types as the service's objects, without its tuple; undefined when the data has no line of types. */
  types(i: number): readonly ResourceTypeInfo[] | undefined;
  keys(i: number): ReadonlySet<string>;
  readonly texts: LazyDescriptions;
}

const NO_TYPES: readonly ResourceTypeInfo[] = [];

/**
 * An action of the compact snapshot. Its name is known at once; the rest of its tuple is parsed on
 * first read, since most actions a lint resolves are never asked for their details.
 */
class CompactAction implements ActionInfo {
  declare private t: CompactActionTuple | undefined;
  declare private rts: ActionInfo['resourceTypes'] | undefined;
  declare private infos: readonly ResourceTypeInfo[] | undefined;
  constructor(
    readonly service: string,
    readonly name: string,
    private readonly source: CompactActionSource,
    private readonly i: number,
  ) {
    this.t = undefined;
    this.rts = undefined;
    this.infos = undefined;
  }
  private get tuple(): CompactActionTuple {
    return (this.t ??= this.source.tuple(this.i));
  }
  get accessLevel(): AccessLevel {
    return this.tuple[0] as AccessLevel;
  }
  get conditionKeys(): string[] {
    return this.tuple[2] ?? NO_KEYS;
  }
  get dependentActions(): string[] | undefined {
    const deps = this.tuple[3];
    return deps && deps.length ? deps : undefined;
  }
  get description(): string {
    return this.source.texts.get(0, this.i);
  }
  get resourceTypes(): ActionInfo['resourceTypes'] {
    if (!this.rts) {
      const tuple = this.tuple;
      const compact = tuple[1];
      // Indexed rather than destructured: destructuring runs the iterator protocol, an object per
      // element in code that V8 has not optimised, as most of a run's code is.
      this.rts = compact ? compact.map((r) => ({ name: r[0], required: r[1] === 1, conditionKeys: r[2] ?? NO_KEYS })) : [];
      // The objects replace the tuple's lists, which would otherwise be kept beside them for the run.
      tuple[1] = undefined;
    }
    return this.rts;
  }
  get resourceTypeInfos(): readonly ResourceTypeInfo[] | undefined {
    return (this.infos ??= this.source.types(this.i));
  }
  get supportedKeys(): ReadonlySet<string> {
    return this.source.keys(this.i);
  }
}

class CompactConditionKey implements ConditionKeyInfo {
  constructor(
    readonly key: string,
    readonly type: string,
    private readonly texts: LazyDescriptions,
    private readonly i: number,
  ) {}
  get description(): string {
    return this.texts.get(1, this.i);
  }
}

/**
 * A service's action names, in the data's order, in one string: a name is cut out of it when asked
 * for. A list of thousands of short strings that live as long as the process costs the garbage
 * collector more than cutting the few names a lint reads, most of them during a binary search.
 */
export class PackedNames {
  readonly count: number;
  /** Where each name ends in the text (see CompactServiceData.e), outside the JavaScript heap. */
  readonly ends: Uint32Array;

  constructor(
    /** The names, one per line. */
    readonly text: string,
    ends?: readonly number[],
  ) {
    this.ends = ends ? new Uint32Array(ends) : endsOf(text);
    this.count = this.ends.length;
  }

  static of(names: readonly string[]): PackedNames {
    return new PackedNames(names.join('\n'), names.length === 0 ? [] : undefined);
  }

  private start(i: number): number {
    return i === 0 ? 0 : this.ends[i - 1] + 1;
  }

  at(i: number): string {
    return this.text.slice(this.start(i), this.ends[i]);
  }

  lengthAt(i: number): number {
    return this.ends[i] - this.start(i);
  }

  /**
   * Whether a wildcard matches some name (as someNameMatches answers for a list). The names that
   * begin with the wildcard's first character are found by searching the text for it after a line
   * break, in both cases: the others are never cut out.
   */
  someMatch(pattern: string): boolean {
    const first = wildcardFirst(pattern);
    if (first === -1) {
      for (let i = 0; i < this.count; i++) if (globMatch(pattern, this.at(i))) return true;
      return false;
    }
    const text = this.text;
    const lower = String.fromCharCode(first);
    for (const ch of first >= 97 && first <= 122 ? [lower, lower.toUpperCase()] : [lower]) {
      const needle = `\n${ch}`;
      // Each name that begins with ch: the first, or one after a line break.
      for (let at = text.startsWith(ch) ? 0 : after(text.indexOf(needle)); at >= 0; ) {
        const end = text.indexOf('\n', at);
        if (globMatch(pattern, text.slice(at, end < 0 ? text.length : end))) return true;
        at = end < 0 ? -1 : after(text.indexOf(needle, end));
      }
    }
    return false;
  }
}

/** Where a name begins, given where the line break before it stands (-1: none). */
function after(lineBreak: number): number {
  return lineBreak < 0 ? -1 : lineBreak + 1;
}

/** The end of each line of a non-empty text, or none for an empty one. */
function endsOf(text: string): Uint32Array {
  if (text === '') return new Uint32Array(0);
  const ends: number[] = [];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) ends.push(at);
  ends.push(text.length);
  return new Uint32Array(ends);
}

/** What a loaded service is made of, read from one compact service: names at once, the rest on first use. */
export function compactService(
  service: string,
  data: CompactServiceData,
  text: CompactServiceText,
  descriptions: () => CompactDescriptions | undefined,
): { names: PackedNames; order: string | undefined; make: (i: number, name: string) => ActionInfo; resourceTypes: () => ResourceTypeInfo[]; conditionKeys: () => ConditionKeyInfo[] } {
  const texts = new LazyDescriptions(descriptions);
  const names = new PackedNames(data.n, data.e);
  const { l: listText, t: listOfAction } = data;
  // An action's tuple is parsed when its details are first read: most never are.
  // One list of resource types per service: an action's types are the objects the catalog's lookup answers.
  let typeList: ResourceTypeInfo[] | undefined;
  const resourceTypes = (): ResourceTypeInfo[] =>
    (typeList ??= (JSON.parse(text.resourceTypes()) as [string, string, string[]?][]).map((r): ResourceTypeInfo => ({ service, name: r[0], arnFormats: [r[1]], conditionKeys: r[2] ?? NO_KEYS })));
  // Actions of a service mostly accept the same few lists of types (the data's 15,367 actions with
  // types have 3,095 distinct lists in their services): one list each, which the actions share.
  let lines: string[] | undefined;
  let lists: (readonly ResourceTypeInfo[] | undefined)[] | undefined;
  const types = (i: number): readonly ResourceTypeInfo[] | undefined => {
    if (listText === undefined || listOfAction === undefined) return undefined;
    const k = listOfAction.charCodeAt(i) - TYPE_BASE;
    let out = (lists ??= [])[k];
    if (!out) {
      const line = (lines ??= listText.split('\n'))[k];
      if (line === '') out = NO_TYPES;
      else {
        const list = resourceTypes();
        const made = new Array<ResourceTypeInfo>(line.length);
        for (let c = 0; c < line.length; c++) made[c] = list[line.charCodeAt(c) - TYPE_BASE];
        out = made;
      }
      lists[k] = out;
    }
    return out;
  };
  // One set per distinct set of keys, which the actions holding it share.
  let keyData: [keys: string[], sets: string[], perAction: string] | undefined;
  let keySets: (ReadonlySet<string> | undefined)[] | undefined;
  const keys = (i: number): ReadonlySet<string> => {
    const [list, sets, perAction] = (keyData ??= JSON.parse(text.supportedKeys()) as [string[], string[], string]);
    const k = perAction.charCodeAt(i) - TYPE_BASE;
    let set = (keySets ??= new Array<ReadonlySet<string> | undefined>(sets.length))[k];
    if (!set) {
      const made = new Set<string>();
      const chars = sets[k];
      for (let c = 0; c < chars.length; c++) made.add(list[chars.charCodeAt(c) - TYPE_BASE]);
      keySets[k] = set = made;
    }
    return set;
  };
  const source: CompactActionSource = { texts, types, keys, tuple: (i) => JSON.parse(text.action(i)) as CompactActionTuple };
  return {
    names,
    order: data.o,
    make: (i, name) => new CompactAction(service, name, source, i),
    resourceTypes,
    conditionKeys: () => (JSON.parse(text.conditionKeys()) as [string, string][]).map((k, i): ConditionKeyInfo => new CompactConditionKey(k[0], k[1], texts, i)),
  };
}
