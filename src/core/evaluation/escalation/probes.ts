import { globMatch } from '../../policy/actions';
import { plainStrings, someString } from '../../policy/elementStrings';
import type { ParsedElement, ParsedPolicy, ParsedStatement } from '../../policy/parse';
import { resourceMatch, resourceOverlap } from '../operators';
import { coveredByElement, NO_MARKS, pathActionIndex } from './pathActions';
import type { PathRequest } from './types';
import { ownCopy } from '../../policy/ownCopy';

// The resources an escalation request is tried on: the path's representative resource, filled in
// for the caller's account, then the resources the policies name that could be one of its kind.

const REGION = 'us-east-1';
/** Most probes a request is tried on: the representative resource and the policies' own resources. */
const MAX_PROBES = 6;

/** What choosing probes needs to know of the subject. */
export interface ProbeSubject {
  readonly account: string;
  readonly caller: string;
  readonly userName?: string;
  readonly parsed: readonly ParsedPolicy[];
  /** Per policy and statement, where known: the path actions its Action or NotAction strings cover (see coversAction). */
  readonly covered: readonly (readonly (Uint8Array | undefined)[] | undefined)[];
}

/** Filled templates by account, then by name and template: the paths' few templates are filled again and again. */
const filledTemplates = new Map<string, Map<string, string>>();

function fill(template: string, account: string, name: string): string {
  let byAccount = filledTemplates.get(account);
  if (!byAccount) {
    if (filledTemplates.size > 100) filledTemplates.clear();
    byAccount = new Map();
    filledTemplates.set(account, byAccount);
  }
  const key = `${name}\n${template}`;
  let out = byAccount.get(key);
  if (out === undefined) {
    out = template.replace(/\{account\}/g, account).replace(/\{region\}/g, REGION).replace(/\{name\}/g, name);
    if (byAccount.size > 1000) byAccount.clear();
    byAccount.set(key, out);
  }
  return out;
}

const classes = new Map<string, string>();

function classOf(template: string): string {
  let cls = classes.get(template);
  if (cls === undefined) {
    cls = template.replace(/\{(account|region|name)\}/g, '*');
    if (classes.size > 1000) classes.clear();
    classes.set(template, cls);
  }
  return cls;
}

/**
 * Whether a statement's Action (or NotAction) covers the action: one of its values is `*` or a
 * pattern of it. `index` is the action's among the path actions (see pathActionIndex), asked once
 * for all the statements; `marks`, when the caller has them, are the path actions the element's strings cover.
 */
function coversAction(st: ParsedStatement, action: string, index: number, marks: Uint8Array | undefined): boolean {
  const el = st.action ?? st.notAction;
  if (!el) return false;
  // A path's action: each element's strings are matched against every path action once.
  const covered = index >= 0 ? (marks ?? coveredByElement(el))[index] === 1 : namesAction(el, action);
  return st.action ? covered : !covered;
}

/** A statement whose Action or NotAction covers an action: its policy, its position there, and the statement. */
export interface Covering {
  readonly policy: number;
  readonly index: number;
  readonly st: ParsedStatement;
}

/** What finding the covering statements needs of a subject. */
export interface CoverSubject {
  readonly parsed: readonly ParsedPolicy[];
  readonly covered: readonly (readonly (Uint8Array | undefined)[] | undefined)[];
}

/** Per subject: the statements that may cover a path action (see pathStatements), and the covering statements found per action. */
interface CoverCache {
  readonly byAction: Map<string, readonly Covering[]>;
  pathStatements?: readonly Covering[];
}

const coveringBySubject = new WeakMap<CoverSubject, CoverCache>();

/**
 * The statements of the subject's policies that cover the action, in order. Found once per subject
 * and action: a request is tried on several resources, each asking which statements it reaches, and
 * requests of several paths share an action (iam:PassRole), while most statements cover none of them.
 */
export function covering(p: CoverSubject, action: string): readonly Covering[] {
  let cache = coveringBySubject.get(p);
  if (!cache) {
    cache = { byAction: new Map() };
    coveringBySubject.set(p, cache);
  }
  let list = cache.byAction.get(action);
  if (!list) {
    const out: Covering[] = [];
    const index = pathActionIndex(action);
    if (index >= 0) {
      const statements = (cache.pathStatements ??= pathStatements(p));
      for (let i = 0; i < statements.length; i++) {
        const c = statements[i];
        if (coversAction(c.st, action, index, p.covered[c.policy]?.[c.index])) out.push(c);
      }
    } else {
      for (let i = 0; i < p.parsed.length; i++) {
        const statements = p.parsed[i].statements;
        for (let k = 0; k < statements.length; k++) if (coversAction(statements[k], action, index, undefined)) out.push({ policy: i, index: k, st: statements[k] });
      }
    }
    list = out;
    cache.byAction.set(action, list);
  }
  return list;
}

/**
 * The statements that may cover a path action, in order, read once per subject: all but those whose
 * Action strings the grants found to cover none (most statements of a policy that opens a path).
 */
function pathStatements(p: CoverSubject): Covering[] {
  const out: Covering[] = [];
  for (let i = 0; i < p.parsed.length; i++) {
    const statements = p.parsed[i].statements;
    const marks = p.covered[i];
    for (let k = 0; k < statements.length; k++) if (!(statements[k].action && marks?.[k] === NO_MARKS)) out.push({ policy: i, index: k, st: statements[k] });
  }
  return out;
}

/** Whether one of the element's strings is `*` or a pattern of the action (apart, so coversAction makes no closure). */
function namesAction(el: ParsedElement, action: string): boolean {
  return someString(el, (v) => v === '*' || globMatch(v, action));
}

/** A resource pattern made into one ARN it matches, in the caller's account and a default Region. */
function instantiate(pattern: string, p: ProbeSubject): string {
  const withVariables = pattern.replace(/\$\{aws:username\}/gi, p.userName ?? '${aws:username}').replace(/\$\{[^}]*\}/g, '*');
  const parts = withVariables.split(':');
  if (parts.length >= 6 && parts[0] === 'arn') {
    if (/[*?]/.test(parts[1])) parts[1] = 'aws';
    if (/[*?]/.test(parts[3])) parts[3] = REGION;
    if (/[*?]/.test(parts[4])) parts[4] = p.account;
  }
  return parts.join(':').replace(/\*/g, 'sts-lens').replace(/\?/g, 'x');
}

/** The representative resource of a request, the first of its probes; undefined when the caller itself is the one. */
export function representative(req: PathRequest, p: ProbeSubject): string | undefined {
  if (req.resource === '*') return '*';
  const rep = filled(req, p);
  return req.target === 'other' && rep === p.caller ? undefined : rep;
}

/** The request's resource template filled in for the caller's account (the representative resource, unless it is the caller). */
export function filled(req: PathRequest, p: ProbeSubject): string {
  return fill(req.resource, p.account, req.target === 'other' ? 'sts-lens-other-user' : 'sts-lens-probe');
}

/**
 * The resources a request is tried on after the representative one (see representative): those the
 * policies name, in order. Computed only when the representative one does not settle the request.
 */
export function policyProbes(req: PathRequest, p: ProbeSubject, rep: string): string[] {
  const out: string[] = [];
  const other = req.target === 'other';
  const cls = classOf(req.resource);
  const seen = [rep];
  const statements = covering(p, req.action);
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i].st;
    if (st.effect?.valueNode.value !== 'Allow' || !st.resource) continue;
    const values = plainStrings(st.resource);
    for (let j = 0; j < values.length; j++) {
      const value = values[j];
      if (value === '*' || seen.length >= MAX_PROBES) continue;
      if (!overlapsClass(cls, value)) continue;
      const probe = instantiate(value, p);
      if (seen.includes(probe) || !resourceMatch(cls, probe)) continue;
      seen.push(probe);
      // The representative resource is one the path can use; closedOn names those a policy may scope to instead.
      if (!(req.closedOn ?? []).some((c) => resourceMatch(c, probe)) && !(other && probe === p.caller)) out.push(probe);
    }
  }
  return out;
}

/** Whether a Resource value may name a resource of the class, by class and value: policies of a run repeat their ARNs. */
const overlaps = new Map<string, Map<string, boolean>>();

function overlapsClass(cls: string, value: string): boolean {
  let byValue = overlaps.get(cls);
  if (!byValue) {
    byValue = new Map();
    overlaps.set(cls, byValue);
  }
  let hit = byValue.get(value);
  if (hit === undefined) {
    hit = resourceOverlap(cls, value.includes('${') ? value.replace(/\$\{[^}]*\}/g, '*') : value);
    if (byValue.size > 5000) byValue.clear();
    byValue.set(ownCopy(value), hit);
  }
  return hit;
}
