import * as l10n from '@vscode/l10n';
import type { ActionInfo, IamCatalog } from '../policy/catalog';
import { supportedKeys } from '../policy/checks/keySupport';
import { ownCopy } from '../policy/ownCopy';
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

/** The fixed starts of a supported set's templates (`aws:resourcetag/`), read once per set: most keys asked of it are not in it. */
const templateStarts = new WeakMap<ReadonlySet<string>, readonly string[]>();

function startsOf(supported: ReadonlySet<string>): readonly string[] {
  let starts = templateStarts.get(supported);
  if (!starts) {
    const found: string[] = [];
    supported.forEach((s) => {
      const at = placeholderAt(s);
      if (at > 0) found.push(s.slice(0, at));
    });
    starts = found;
    templateStarts.set(supported, starts);
  }
  return starts;
}

/** Whether `key` (lower case) is one of `supported` (lower case), where a template's placeholder stands for any tag key. */
function supports(supported: ReadonlySet<string>, key: string): boolean {
  if (supported.has(key)) return true;
  const starts = startsOf(supported);
  for (let i = 0; i < starts.length; i++) if (key.length > starts[i].length && key.startsWith(starts[i])) return true;
  return false;
}

/**
 * Whether the catalog can tell which actions' requests carry `key`: a key of a service AWS lists. Not
 * `aws:` keys nor the cross-service keys AWS lists as global (ec2:SourceInstanceArn): whether AWS sends
 * one depends on the request. Not identity providers' keys (token.actions.githubusercontent.com:sub,
 * saml:aud): they come with the token, not from a service.
 */
export function isServiceKey(key: string, catalog: IamCatalog): boolean {
  const colon = key.indexOf(':');
  if (colon <= 0) return false;
  const prefix = key.slice(0, colon).toLowerCase();
  return prefix !== 'aws' && catalog.hasService(prefix) && !catalog.conditionKey(key)?.global;
}

/** neverCarried's answers per action and lowercased key, as lasting as supportedKeys's sets: the escalation check asks of every key of a policy for each action it tries. */
const carriedAnswers = new WeakMap<ActionInfo, Map<string, boolean>>();

/**
 * Whether requests for the action never carry the service key `key` (see isServiceKey): neither the
 * action nor any of its resource types lists it in the catalog, as the linter's key support check reads them.
 */
export function neverCarried(key: string, info: ActionInfo, catalog: IamCatalog): boolean {
  const lower = key.toLowerCase();
  let answers = carriedAnswers.get(info);
  if (!answers) {
    answers = new Map();
    carriedAnswers.set(info, answers);
  }
  let never = answers.get(lower);
  if (never === undefined) {
    never = !supports(supportedKeys(catalog, info), lower);
    if (answers.size > 1000) answers.clear();
    // A copy as the key: the policy's string would keep its whole document alive (see ownCopy).
    answers.set(ownCopy(lower), never);
  }
  return never;
}

/** The catalog's record of the action, when its service is loaded. */
function loadedAction(action: string, catalog: IamCatalog): ActionInfo | undefined {
  const colon = action.indexOf(':');
  const service = action.slice(0, colon).toLowerCase();
  return colon > 0 && catalog.isLoaded(service) ? catalog.action(service, action.slice(colon + 1)) : undefined;
}

/**
 * unsentKeys for keys known to be service keys (see isServiceKey), without a context to hold them:
 * those that requests for `action` never carry, in order. None when the catalog does not know the
 * action; `serviceKeys` is asked only when it does (telling a service key may read its service's data).
 */
export function unsentServiceKeys(serviceKeys: () => readonly string[], action: string, catalog: IamCatalog): readonly string[] {
  const info = loadedAction(action, catalog);
  if (!info) return NONE;
  const keys = serviceKeys();
  let out: string[] | undefined;
  for (let i = 0; i < keys.length; i++) if (neverCarried(keys[i], info, catalog)) (out ??= []).push(keys[i]);
  return out ?? NONE;
}

/**
 * The keys of `context` that requests for `action` never carry: service keys (see isServiceKey) that
 * neither the action nor any of its resource types lists in the catalog. Nothing is judged when the
 * catalog does not know the action.
 */
export function unsentKeys(context: Readonly<Record<string, ContextValue>> | undefined, action: string, catalog: IamCatalog | undefined): readonly string[] {
  if (!context || !catalog) return NONE;
  let out: string[] | undefined;
  let info: ActionInfo | undefined;
  for (const key in context) {
    if (!Object.prototype.hasOwnProperty.call(context, key) || !isServiceKey(key, catalog)) continue;
    if (!info) {
      info = loadedAction(action, catalog);
      if (!info) return NONE;
    }
    if (neverCarried(key, info, catalog)) (out ??= []).push(key);
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
