// What each request of an escalation path fixes, worked out once per request: the paths are fixed
// for the run, so their requests' memo keys and fixed contexts are kept beside them.
import type { ContextValue } from '../types';
import type { PathRequest } from './types';

/** Requests' memo keys: the paths are fixed, so each request's key is built once. */
const memoKeys = new WeakMap<PathRequest, string>();

export function memoKey(req: PathRequest): string {
  let key = memoKeys.get(req);
  if (key === undefined) {
    key = `${req.action}\n${req.resource}\n${req.target ?? ''}\n${(req.passedTo ?? []).join(',')}\n${(req.closedOn ?? []).join(',')}`;
    memoKeys.set(req, key);
  }
  return key;
}

const NO_FIXED_CONTEXT: readonly Record<string, ContextValue>[] = [{}];
const passedToContexts = new WeakMap<PathRequest, readonly Record<string, ContextValue>[]>();

/** The context keys a request's path fixes, one set per way (the decision copies a set before changing it). */
export function fixedContexts(req: PathRequest): readonly Record<string, ContextValue>[] {
  if (!req.passedTo) return NO_FIXED_CONTEXT;
  let contexts = passedToContexts.get(req);
  if (!contexts) {
    contexts = req.passedTo.map((s) => ({ 'iam:PassedToService': s }));
    passedToContexts.set(req, contexts);
  }
  return contexts;
}

const PASSED_TO_KEYS: readonly string[] = ['iam:passedtoservice'];
const NO_FIXED_KEYS: readonly string[] = [];

/** The context keys the request's path fixes (see fixedContexts), lower case. */
export function fixedKeys(req: PathRequest): readonly string[] {
  return req.passedTo ? PASSED_TO_KEYS : NO_FIXED_KEYS;
}
