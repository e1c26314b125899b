import * as l10n from '@vscode/l10n';
import type { IamCatalog } from '../policy/catalog';
import { formatService, resourceMatchesFormat, splitArn } from '../policy/checks/arnFormats';

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
  if (!parts) return l10n.t('"{0}" is not an action: write it as service:Action, e.g. s3:GetObject.', action);
  if (!catalog.hasService(parts.service)) return l10n.t('No AWS service has the prefix "{0}" in the IAM data.', parts.service);
  if (catalog.isLoaded(parts.service) && !catalog.action(parts.service, parts.name)) return l10n.t('{0} has no action named {1} in the IAM data.', parts.service, parts.name);
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

/** The ARN formats of the action's resource types, as the IAM data writes them; empty when it has none (its resource is `*`). */
export function acceptedFormats(action: string, catalog: IamCatalog): string[] {
  const parts = splitAction(action);
  const info = parts ? catalog.action(parts.service, parts.name) : undefined;
  if (!parts || !info) return [];
  return [...new Set(info.resourceTypes.flatMap((rt) => catalog.resourceType(parts.service, rt.name)?.arnFormats ?? []))];
}

/**
 * Why `resource` cannot be the resource of a request for `action`, or undefined when it can: an ARN
 * of one of the action's resource types (the formats the IAM data gives), or `*` for an action
 * that has no resource types. Unknown actions are not checked here (actionProblem reports them).
 */
export function resourceProblem(action: string, resource: string, catalog: IamCatalog): string | undefined {
  const r = resource.trim();
  const parts = splitAction(action);
  if (!parts || !catalog.action(parts.service, parts.name)) return r ? undefined : l10n.t('Type a resource ARN.');
  const formats = acceptedFormats(action, catalog);
  if (formats.length === 0) return r === '*' ? undefined : l10n.t('{0} has no resource types in the IAM data: its resource is *.', action);
  // The formats it takes follow as a sentence of their own.
  const accepts = (problem: string): string => `${problem} ${l10n.t('It accepts {0}.', formats.join(', '))}`;
  if (!r) return accepts(l10n.t('Type the ARN of the resource {0} acts on.', action));
  if (r === '*') return accepts(l10n.t('{0} acts on specific resources: * is not one.', action));
  const arn = splitArn(r);
  if (!arn) return accepts(l10n.t('"{0}" is not an ARN (arn:partition:service:region:account:resource).', r));
  const fits = formats.some((f) => {
    const format = splitArn(f);
    if (!format || formatService(f) !== arn.service || !resourceMatchesFormat(arn.resource, f)) return false;
    // A format without a region or account field takes none (arn:aws:s3:::bucket); one with it needs it.
    return (format.region === '') === (arn.region === '') && (format.account === '') === (arn.account === '');
  });
  return fits ? undefined : accepts(l10n.t('"{0}" is not the ARN of a resource {1} acts on.', r, action));
}

/** The resources a policy names that a request for `action` can be simulated on (an S3 bucket is no resource of iam:CreateUser). */
export function policyResourcesFor(action: string, resources: readonly string[], catalog: IamCatalog): string[] {
  return resources.filter((r) => resourceProblem(action, r, catalog) === undefined);
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
