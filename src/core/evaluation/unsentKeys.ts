import * as l10n from '@vscode/l10n';
import type { IamCatalog } from '../policy/catalog';
import { supportedKeys } from '../policy/checks/keySupport';
import type { ContextValue } from './types';

// Context keys a request for an action never carries. AWS: "Condition context keys may not be present
// in the authorization context when: You are using service specific condition context keys in requests
// to resources that do not support that condition key." A scenario or a Simulate Request that gives
// ec2:InstanceType for s3:ListBucket would otherwise be decided on a value AWS never sees.

const NONE: readonly string[] = [];

/** Where a key template's placeholder starts (`aws:resourcetag/${tagkey}`, `s3:existingobjecttag/<key>`), or -1. */
function placeholderAt(template: string): number {
  const slash = template.indexOf('/');
  if (slash < 0) return -1;
  const c = template[slash + 1];
  return c === '<' || (c === '$' && template[slash + 2] === '{') ? slash + 1 : -1;
}

/** Whether `key` (lower case) is one of `supported` (lower case), where a template's placeholder stands for any tag key. */
function supports(supported: ReadonlySet<string>, key: string): boolean {
  if (supported.has(key)) return true;
  for (const s of supported) {
    const at = placeholderAt(s);
    if (at > 0 && key.length > at && key.startsWith(s.slice(0, at))) return true;
  }
  return false;
}

/**
 * The keys of `context` that requests for `action` never carry: keys of a service (not `aws:`, not an
 * identity provider's) that neither the action nor any of its resource types lists in the catalog.
 * Nothing is judged when the catalog does not know the action, and global keys are kept (`aws:` ones and
 * the cross-service ones such as ec2:SourceInstanceArn): whether AWS sends one depends on the request.
 */
export function unsentKeys(context: Readonly<Record<string, ContextValue>> | undefined, action: string, catalog: IamCatalog | undefined): readonly string[] {
  if (!context || !catalog) return NONE;
  let out: string[] | undefined;
  let supported: ReadonlySet<string> | undefined;
  for (const key in context) {
    if (!Object.prototype.hasOwnProperty.call(context, key)) continue;
    const lower = key.toLowerCase();
    const colon = lower.indexOf(':');
    // Only keys of a service AWS lists: aws: keys and the cross-service keys AWS lists as global are
    // kept, and identity providers' keys (token.actions.githubusercontent.com:sub, saml:aud) come with
    // the token, not from a service.
    if (colon <= 0 || lower.startsWith('aws:') || !catalog.hasService(lower.slice(0, colon)) || catalog.conditionKey(key)?.global) continue;
    if (!supported) {
      const colonInAction = action.indexOf(':');
      const service = action.slice(0, colonInAction).toLowerCase();
      const info = colonInAction > 0 && catalog.isLoaded(service) ? catalog.action(service, action.slice(colonInAction + 1)) : undefined;
      if (!info) return NONE;
      supported = supportedKeys(catalog, info);
    }
    if (!supports(supported, lower)) (out ??= []).push(key);
  }
  return out ?? NONE;
}

/** The context without `keys`. */
export function withoutKeys(context: Readonly<Record<string, ContextValue>>, keys: readonly string[]): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const k in context) if (Object.prototype.hasOwnProperty.call(context, k) && !keys.includes(k)) out[k] = context[k];
  return out;
}

/** What a result says of the keys it left out, in one sentence. */
export function unsentKeysText(action: string, keys: readonly string[]): string {
  const list = keys.join(', ');
  return keys.length > 1
    ? l10n.t('Left out of the request: {0}. {1} requests never carry these keys (the Service Authorization Reference does not list them for the action or its resource types), so AWS would not see them.', list, action)
    : l10n.t('Left out of the request: {0}. {1} requests never carry this key (the Service Authorization Reference does not list it for the action or its resource types), so AWS would not see it.', list, action);
}
