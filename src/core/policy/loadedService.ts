import { compactService, PackedNames, TYPE_BASE, type CompactServiceParts } from './compactData';
import type { ActionInfo, ConditionKeyInfo, ResourceTypeInfo } from './catalogTypes';
import { splitAtVariables } from './variableSpans';

// One service of a catalog: its actions found by name, its resource types and condition keys.

/**
 * One service's data; the lookup maps are built on first use, since most lints touch few of them.
 * Actions are made on first use too, one at a time, always the same object for the same action.
 */
export class LoadedService {
  private resourceTypeMap?: Map<string, ResourceTypeInfo>;
  private keyMap?: Map<string, ConditionKeyInfo>;
  private variableKeyList?: { re: RegExp; info: ConditionKeyInfo }[];
  private readonly made: (ActionInfo | undefined)[];
  private all?: ActionInfo[];
  private nameList?: readonly string[];

  constructor(
    /** Action names as the data writes them, in the data's order. */
    private readonly names: PackedNames,
    private readonly make: (i: number, name: string) => ActionInfo,
    /** Read on first use: most lints never ask a service for its resource types or condition keys. */
    private readonly readResourceTypes: () => ResourceTypeInfo[],
    private readonly readConditionKeys: () => ConditionKeyInfo[],
    /** The names' indexes in ascending order of name (see CompactServiceData.o); undefined: find out. */
    private order?: string,
  ) {
    this.made = new Array(names.count);
  }

  private at(i: number, name?: string): ActionInfo {
    return (this.made[i] ??= this.make(i, name ?? this.names.at(i)));
  }

  get actions(): ActionInfo[] {
    if (!this.all) {
      const all: ActionInfo[] = [];
      for (let i = 0; i < this.names.count; i++) all.push(this.at(i));
      this.all = all;
    }
    return this.all;
  }

  where(test: (name: string) => boolean): ActionInfo[] {
    const out: ActionInfo[] = [];
    for (let i = 0; i < this.names.count; i++) {
      const name = this.names.at(i);
      if (test(name)) out.push(this.at(i, name));
    }
    return out;
  }

  /** The names as a list, made on first use: only did-you-mean and completions read them all. */
  get actionNames(): readonly string[] {
    if (!this.nameList) {
      const list: string[] = [];
      for (let i = 0; i < this.names.count; i++) list.push(this.names.at(i));
      this.nameList = list;
    }
    return this.nameList;
  }

  /** Whether a wildcard matches some name, without a list of them (see someNameMatches). */
  someNameMatches(pattern: string): boolean {
    return this.names.someMatch(pattern);
  }

  /**
   * Case-insensitive lookup, for the few names a policy writes in a case the data does not: a scan
   * rather than a map of every name per service. A name the data writes twice in different cases
   * resolves to the last one. Action names are ASCII: lowercasing keeps their length.
   */
  byName(lower: string): ActionInfo | undefined {
    const names = this.names;
    for (let i = names.count - 1; i >= 0; i--) {
      if (names.lengthAt(i) !== lower.length) continue;
      const n = names.at(i);
      if (n.toLowerCase() === lower) return this.at(i, n);
    }
    return undefined;
  }

  /**
   * Names as the data writes them: policies mostly use that case, so most lookups need no lowercasing.
   * A binary search, through the names' order where the data lists them otherwise: no map per
   * service, which a run over many services would build (and keep) for every one of them.
   */
  byExactName(name: string): ActionInfo | undefined {
    const order = (this.order ??= orderOf(this.names));
    const direct = order === '';
    // Read here rather than through the names' methods: a call per probe costs more than the probe.
    const { text, ends } = this.names;
    const first = name.charCodeAt(0);
    let lo = 0;
    let hi = ends.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const i = direct ? mid : order.charCodeAt(mid) - TYPE_BASE;
      const start = i === 0 ? 0 : ends[i - 1] + 1;
      // Most probes differ in the first character: they are settled without cutting the name out.
      const c = text.charCodeAt(start);
      if (c !== first) {
        if (c < first) lo = mid + 1;
        else hi = mid - 1;
        continue;
      }
      const n = text.slice(start, ends[i]);
      if (n === name) return this.at(i, n);
      if (n < name) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  get resourceTypes(): Map<string, ResourceTypeInfo> {
    if (!this.resourceTypeMap) {
      this.resourceTypeMap = new Map();
      for (const r of this.readResourceTypes()) this.resourceTypeMap.set(r.name.toLowerCase(), r);
    }
    return this.resourceTypeMap;
  }

  get conditionKeys(): Map<string, ConditionKeyInfo> {
    if (!this.keyMap) {
      this.keyMap = new Map();
      for (const info of this.conditionKeyList) this.keyMap.set(info.key.toLowerCase(), info);
    }
    return this.keyMap;
  }

  private keyList?: ConditionKeyInfo[];

  private get conditionKeyList(): ConditionKeyInfo[] {
    return (this.keyList ??= this.readConditionKeys());
  }

  /** Keys with ${Var} parts, as regexes. */
  get variableKeys(): { re: RegExp; info: ConditionKeyInfo }[] {
    if (!this.variableKeyList) {
      this.variableKeyList = [];
      for (const info of this.conditionKeyList) {
        // Some services write the tag placeholder literally ("secretsmanager:ResourceTag/tag-key").
        const pattern = info.key.replace(/\/tag-key$/i, '/${TagKey}');
        if (pattern.includes('${')) this.variableKeyList.push({ re: variableKeyRegex(pattern), info });
      }
    }
    return this.variableKeyList;
  }
}

export function loadedCompactService(p: string, parts: CompactServiceParts): LoadedService {
  const { names, order, make, resourceTypes, conditionKeys } = compactService(p, parts.data, parts.text, parts.descriptions);
  // The snapshot gives the order only where the names are not in it already.
  return new LoadedService(names, make, resourceTypes, conditionKeys, order ?? '');
}

/**
 * The names' indexes in ascending order of name, as CompactServiceData.o writes them, or '' when
 * the names are in that order already; for data that does not say (a service added from raw files).
 */
function orderOf(packed: PackedNames): string {
  const names = Array.from({ length: packed.count }, (_, i) => packed.at(i));
  let sorted = true;
  for (let i = 1; i < names.length && sorted; i++) sorted = names[i - 1] < names[i];
  if (sorted) return '';
  const order = names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : 1));
  return String.fromCharCode(...order.map((i) => TYPE_BASE + i));
}

function variableKeyRegex(key: string): RegExp {
  const parts = splitAtVariables(key).map((p) => p.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`, 'i');
}
