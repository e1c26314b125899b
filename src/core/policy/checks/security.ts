import { globMatch, hasWildcard } from '../actions';
import type { LintContext, ResolvedAction, StatementContext } from '../context';
import type { ParsedElement } from '../parse';
import { parseConditionOperator } from './conditionOperators';
import { stringValues } from '../parse';
import { ownCopy } from '../ownCopy';
import { elementText, textMayHoldWildcard } from '../elementStrings';
import type { Target } from '../report';

interface Sensitive {
  action: string;
  /** The action, lowercased: what a plain Action string's lowercased text is compared with. */
  lower: string;
  /**
   * Whether each wildcard string covers the action. Policies of a run repeat the same strings
   * (iam:Get*, iam:*), and matching one costs a step per character in code V8 has not optimised.
   */
  wildcards: Map<string, boolean>;
  prefix: 'PASS_ROLE' | 'CREATE_SLR';
  /** Condition keys that, set without IfExists and without a leading wildcard, scope the grant. */
  scopingKeys: string[];
  details: { starResource: string; starBoth: string; notResource: string; starActionNotResource: string; notActionNotResource: string; starResourceNotAction: string };
}

const PASS_ROLE: Sensitive = {
  action: 'iam:PassRole',
  lower: 'iam:passrole',
  wildcards: new Map(),
  prefix: 'PASS_ROLE',
  scopingKeys: ['iam:passedtoservice', 'iam:associatedresourcearn'],
  details: {
    starResource: 'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
    starBoth: 'Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
    notResource: 'Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
    starActionNotResource: 'Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
    notActionNotResource: 'Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
    starResourceNotAction: 'Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
  },
};

const CREATE_SLR: Sensitive = {
  action: 'iam:CreateServiceLinkedRole',
  lower: 'iam:createservicelinkedrole',
  wildcards: new Map(),
  prefix: 'CREATE_SLR',
  scopingKeys: ['iam:awsservicename'],
  details: {
    starResource: 'Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead.',
    starBoth: 'Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.',
    notResource: 'Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead.',
    starActionNotResource: 'Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
    notActionNotResource: 'Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
    starResourceNotAction: 'Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.',
  },
};

/** Only "*", iam actions, and patterns whose service part is a wildcard can cover an iam action. */
function mayCoverIam(a: ResolvedAction): boolean {
  return a.value === '*' || a.service === 'iam' || hasWildcard(a.service);
}

function covers(a: ResolvedAction, s: Sensitive): boolean {
  if (a.value === '*') return true;
  if (!mayCoverIam(a)) return false;
  if (!hasWildcard(a.value)) return a.lower === s.lower;
  let hit = s.wildcards.get(a.value);
  if (hit === undefined) {
    hit = globMatch(a.value, s.action);
    if (s.wildcards.size > 20000) s.wildcards.clear();
    // Kept past this lint: a copy, so that the key does not hold the document (see ownCopy).
    s.wildcards.set(ownCopy(a.value), hit);
  }
  return hit;
}

/**
 * Whether the Action element's text may hold a string mayCoverIam accepts: "*" and wildcard
 * services hold a wildcard, and iam actions "m:" in some case (an escape could spell either). Most
 * statements name none.
 */
function textMayCoverIam(text: string, el: ParsedElement): boolean {
  const t = elementText(text, el);
  return textMayHoldWildcard(t) || t.includes('m:') || t.includes('M:');
}

/** True when the statement's conditions pin the sensitive action to specific services or resources. */
function scoped(sc: StatementContext, s: Sensitive): boolean {
  for (const op of sc.st.conditions) {
    const info = parseConditionOperator(op.operator);
    if (!info || info.ifExists || info.negated || info.base === 'Null') continue;
    for (const k of op.keys) {
      if (!s.scopingKeys.includes(k.key.toLowerCase())) continue;
      const values = k.values.filter((v) => typeof v.value === 'string') as { value: string }[];
      if (values.length && values.every((v) => v.value !== '' && !/^[*?]/.test(v.value))) return true;
    }
  }
  return false;
}

/** Reports an Action string that grants the sensitive action too widely. */
function checkAction(ctx: LintContext, sc: StatementContext, s: Sensitive, hit: ResolvedAction): void {
  const { st } = sc;
  const starTarget = star(st);
  const wild = hasWildcard(hit.value);
  const actionTarget: Target = { path: hit.path, node: hit.node };
  if (starTarget && !scoped(sc, s)) {
    if (wild) ctx.r.add(code(s, 'STAR_IN_ACTION_AND_RESOURCE'), s.details.starBoth, [actionTarget, starTarget]);
    else ctx.r.add(code(s, 'STAR_IN_RESOURCE'), s.details.starResource, [actionTarget, starTarget]);
  } else if (st.notResource) {
    const nr: Target = { path: st.notResource.path, node: st.notResource.valueNode };
    if (wild) ctx.r.add(code(s, 'STAR_IN_ACTION_AND_NOT_RESOURCE'), s.details.starActionNotResource, [actionTarget, nr]);
    else ctx.r.add(code(s, 'NOT_RESOURCE'), s.details.notResource, [actionTarget, nr]);
  }
}

/** Reports a NotAction that leaves the sensitive action granted too widely. */
function checkNotAction(ctx: LintContext, sc: StatementContext, s: Sensitive, notAction: ParsedElement): void {
  const { st } = sc;
  if (sc.notActions.some((a) => covers(a, s))) return;
  const starTarget = star(st);
  const na: Target = { path: notAction.path, node: notAction.valueNode };
  if (starTarget && !scoped(sc, s)) ctx.r.add(code(s, 'STAR_IN_RESOURCE_AND_NOT_ACTION'), s.details.starResourceNotAction, [na, starTarget]);
  else if (st.notResource) ctx.r.add(code(s, 'NOT_ACTION_AND_NOT_RESOURCE'), s.details.notActionNotResource, [na, { path: st.notResource.path, node: st.notResource.valueNode }]);
}

/** Where the statement names every resource ("*"), if it does. */
function star(st: StatementContext['st']): Target | undefined {
  const resources = stringValues(st.resource);
  for (let i = 0; i < resources.length; i++) if (resources[i].value === '*') return { path: resources[i].path, node: resources[i].node };
  return undefined;
}

function code(s: Sensitive, suffix: string): string {
  return `${s.prefix}_WITH_${suffix}`;
}

/** iam:PassRole and iam:CreateServiceLinkedRole granted too widely. */
export function checkSecurity(ctx: LintContext): void {
  if (ctx.type !== 'IDENTITY_POLICY' && ctx.type !== 'RESOURCE_POLICY') return;
  const text = ctx.policy.text;
  for (const sc of ctx.statements) {
    if (sc.effect !== 'Allow') continue;
    const { action, notAction } = sc.st;
    if (action) {
      if (!textMayCoverIam(text, action)) continue;
      // The first string that covers each action, both found in one pass over the strings.
      let passRole: ResolvedAction | undefined;
      let createSlr: ResolvedAction | undefined;
      for (let i = 0; i < sc.actions.length && !(passRole && createSlr); i++) {
        const a = sc.actions[i];
        if (!mayCoverIam(a)) continue;
        if (!passRole && covers(a, PASS_ROLE)) passRole = a;
        if (!createSlr && covers(a, CREATE_SLR)) createSlr = a;
      }
      if (passRole) checkAction(ctx, sc, PASS_ROLE, passRole);
      if (createSlr) checkAction(ctx, sc, CREATE_SLR, createSlr);
    } else if (notAction) {
      checkNotAction(ctx, sc, PASS_ROLE, notAction);
      checkNotAction(ctx, sc, CREATE_SLR, notAction);
    }
  }
}
