import type { IamCatalog } from '../policy/catalog';

export interface ResourceSkeleton {
  /** The resource type, e.g. "object". */
  readonly type: string;
  readonly required: boolean;
  /** The ARN format with region and account filled in where known, e.g. arn:aws:s3:::${BucketName}/${ObjectName}. */
  readonly arn: string;
}

export interface ContextKeyChoice {
  readonly key: string;
  /** String, ArrayOfString, Bool, Date, IPAddress, Numeric, ARN, … as the IAM data says. */
  readonly type: string;
  readonly description: string;
}

/** Splits `service:Action`; undefined when the text is not of that form. */
export function splitAction(action: string): { service: string; name: string } | undefined {
  const m = /^([a-z0-9-]+):([A-Za-z0-9]+)$/.exec(action.trim());
  return m ? { service: m[1].toLowerCase(), name: m[2] } : undefined;
}

/** Why `action` cannot be simulated, or undefined when the IAM data knows it. */
export function actionProblem(action: string, catalog: IamCatalog): string | undefined {
  const parts = splitAction(action);
  if (!parts) return `"${action}" is not an action: write it as service:Action, e.g. s3:GetObject.`;
  if (!catalog.hasService(parts.service)) return `No AWS service has the prefix "${parts.service}" in the IAM data.`;
  if (catalog.isLoaded(parts.service) && !catalog.action(parts.service, parts.name)) return `${parts.service} has no action named ${parts.name} in the IAM data.`;
  return undefined;
}

/** ARN skeletons for the action's resource types, with `${Partition}`, `${Region}` and `${Account}` filled. */
export function resourceSkeletons(action: string, catalog: IamCatalog, fill: { partition?: string; region?: string; account?: string } = {}): ResourceSkeleton[] {
  const parts = splitAction(action);
  const info = parts ? catalog.action(parts.service, parts.name) : undefined;
  if (!parts || !info) return [];
  const out: ResourceSkeleton[] = [];
  for (const rt of info.resourceTypes) {
    const type = catalog.resourceType(parts.service, rt.name);
    for (const format of type?.arnFormats ?? []) {
      const arn = format
        .replace(/\$\{Partition\}/g, fill.partition ?? 'aws')
        .replace(/\$\{Region\}/g, fill.region ?? '${Region}')
        .replace(/\$\{Account\}/g, fill.account ?? '${Account}');
      out.push({ type: rt.name, required: rt.required, arn });
    }
  }
  return out;
}

/** Context keys that matter to `action`: its own, its resource types', then the global keys most policies test. */
export function contextKeyChoices(action: string, catalog: IamCatalog): ContextKeyChoice[] {
  const parts = splitAction(action);
  const info = parts ? catalog.action(parts.service, parts.name) : undefined;
  const keys = new Set<string>(info?.conditionKeys ?? []);
  for (const rt of info?.resourceTypes ?? []) {
    for (const k of rt.conditionKeys) keys.add(k);
    for (const k of catalog.resourceType(parts!.service, rt.name)?.conditionKeys ?? []) keys.add(k);
  }
  for (const k of ['aws:SourceIp', 'aws:MultiFactorAuthPresent', 'aws:PrincipalTag/${TagKey}', 'aws:RequestedRegion', 'aws:SecureTransport', 'aws:SourceVpce', 'aws:CurrentTime']) keys.add(k);
  return [...keys].map((key) => {
    const c = catalog.conditionKey(key);
    return { key, type: c?.type ?? 'String', description: c?.description ?? '' };
  });
}

/** A typed value for a context key from what the person typed; arrays for ArrayOf… keys (comma-separated). */
export function contextValue(type: string, text: string): string | boolean | string[] {
  if (/^ArrayOf/i.test(type)) return text.split(',').map((s) => s.trim()).filter(Boolean);
  if (/Bool/i.test(type) && /^(?:true|false)$/i.test(text.trim())) return text.trim().toLowerCase() === 'true';
  return text.trim();
}
