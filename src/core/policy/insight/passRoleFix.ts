import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, type FormattingOptions, type JSONPath, type Node } from 'jsonc-parser';
import { ESCALATION_PATHS } from '../../evaluation/escalation/paths';
import type { QuickFix } from './fixTypes';
import { diffEdit, removeElement } from './jsonEdits';
import { servicePrefixes } from './wildcard';

// Fixes for iam:PassRole granted on every role ("Resource": "*"). Access Analyzer recommends "that you
// specify resource ARNs or add the iam:PassedToService condition key to your statement"; these fixes
// add the condition, naming the services the policy itself works with.

/**
 * The service principal that receives a role passed for each service's actions, as policies name it
 * in iam:PassedToService, for services the privilege-escalation paths do not list (those come first,
 * see passedToByPrefix). ECS tasks take their roles as ecs-tasks.amazonaws.com.
 */
const PASSED_TO: Readonly<Record<string, string>> = {
  lambda: 'lambda.amazonaws.com',
  ec2: 'ec2.amazonaws.com',
  ecs: 'ecs-tasks.amazonaws.com',
  eks: 'eks.amazonaws.com',
  batch: 'batch.amazonaws.com',
  glue: 'glue.amazonaws.com',
  states: 'states.amazonaws.com',
  cloudformation: 'cloudformation.amazonaws.com',
  codebuild: 'codebuild.amazonaws.com',
  codepipeline: 'codepipeline.amazonaws.com',
  sagemaker: 'sagemaker.amazonaws.com',
  elasticmapreduce: 'elasticmapreduce.amazonaws.com',
  events: 'events.amazonaws.com',
  scheduler: 'scheduler.amazonaws.com',
  pipes: 'pipes.amazonaws.com',
  firehose: 'firehose.amazonaws.com',
  apigateway: 'apigateway.amazonaws.com',
  appsync: 'appsync.amazonaws.com',
  ssm: 'ssm.amazonaws.com',
  bedrock: 'bedrock.amazonaws.com',
  datasync: 'datasync.amazonaws.com',
  dms: 'dms.amazonaws.com',
  iot: 'iot.amazonaws.com',
};

let byPrefix: Map<string, string> | undefined;

/**
 * Service prefix -> the service principal a role is passed to for its actions: from every escalation
 * path that passes a role (its first iam:PassedToService value, for the services of the path's other
 * requests), then the table above.
 */
function passedToByPrefix(): Map<string, string> {
  if (byPrefix) return byPrefix;
  byPrefix = new Map();
  for (const path of ESCALATION_PATHS) {
    const requests = path.requires.flat();
    const to = requests.find((r) => r.passedTo?.length)?.passedTo?.[0];
    if (!to) continue;
    for (const prefix of servicePrefixes(requests.map((r) => r.action))) if (prefix !== 'iam' && !byPrefix.has(prefix)) byPrefix.set(prefix, to);
  }
  for (const [prefix, to] of Object.entries(PASSED_TO)) if (!byPrefix.has(prefix)) byPrefix.set(prefix, to);
  return byPrefix;
}

/** Offered when the policy names no service that takes a role: the user names it. */
export const PASSED_TO_SERVICE_PLACEHOLDER = 'REPLACE_WITH_SERVICE.amazonaws.com';

/** At most this many services are offered, in the order the policy first names them. */
const MAX_SERVICES = 3;

const PASS_ROLE = 'iam:passrole';

/** Whether a JSON node is the string "iam:PassRole" (action names match without regard to case). */
function isPassRole(n: Node | undefined): boolean {
  return n?.type === 'string' && typeof n.value === 'string' && n.value.toLowerCase() === PASS_ROLE;
}

/** The services that take a passed role, from every Action of the policy, in the order it names them. */
function servicesNamed(root: Node): string[] {
  const actions: string[] = [];
  const statements = findNodeAtLocation(root, ['Statement']);
  const list = statements?.type === 'array' ? (statements.children ?? []) : statements ? [statements] : [];
  for (const st of list) {
    const action = st.type === 'object' ? findNodeAtLocation(st, ['Action']) : undefined;
    const values = action?.type === 'array' ? (action.children ?? []) : action ? [action] : [];
    for (const v of values) if (v.type === 'string' && typeof v.value === 'string') actions.push(v.value);
  }
  const out: string[] = [];
  for (const prefix of servicePrefixes(actions)) {
    const principal = passedToByPrefix().get(prefix);
    if (principal && !out.includes(principal)) out.push(principal);
  }
  return out.slice(0, MAX_SERVICES);
}

/** The statement's Condition with iam:PassedToService set to `service` under StringEquals. */
function withPassedTo(condition: unknown, service: string): Record<string, unknown> {
  const base = condition && typeof condition === 'object' && !Array.isArray(condition) ? (condition as Record<string, unknown>) : {};
  const equals = base.StringEquals && typeof base.StringEquals === 'object' && !Array.isArray(base.StringEquals) ? (base.StringEquals as Record<string, unknown>) : {};
  return { ...base, StringEquals: { ...equals, 'iam:PassedToService': service } };
}

/**
 * Fixes for a PASS_ROLE_WITH_STAR_IN_RESOURCE finding whose first location is the "iam:PassRole"
 * action. A statement that grants only iam:PassRole gets the condition. A statement that grants other
 * actions too keeps them, and iam:PassRole moves to a statement of its own with the same Resource and
 * conditions plus iam:PassedToService: the request context of any other action has no
 * iam:PassedToService, so the condition would stop the statement from allowing those actions.
 */
export function passRoleFixes(text: string, actionPath: JSONPath, options: FormattingOptions): QuickFix[] {
  const root = parseTree(text);
  const stIndex = actionPath.indexOf('Action');
  if (!root || stIndex < 1 || actionPath[0] !== 'Statement') return [];
  const stPath = actionPath.slice(0, stIndex);
  const statement = findNodeAtLocation(root, stPath);
  const action = findNodeAtLocation(root, [...stPath, 'Action']);
  if (statement?.type !== 'object' || !action) return [];
  const element = actionPath.length > stIndex + 1 ? findNodeAtLocation(root, actionPath) : action;
  if (!isPassRole(element)) return [];
  const actions = action.type === 'array' ? (action.children ?? []) : [action];
  const onlyPassRole = actions.every(isPassRole);
  const named = servicesNamed(root);
  const services = named.length ? named : [PASSED_TO_SERVICE_PLACEHOLDER];
  const fixes: QuickFix[] = [];
  if (onlyPassRole) {
    for (const service of services) {
      const edits = modify(text, [...stPath, 'Condition', 'StringEquals', 'iam:PassedToService'], service, { formattingOptions: options });
      if (edits.length) fixes.push({ title: { kind: 'passRoleOnlyTo', ...serviceOf(service) }, edits, isPreferred: fixes.length === 0 });
    }
    return fixes;
  }
  const addStatement = withoutPassRole(text, root, stPath, actionPath, options);
  if (!addStatement) return fixes;
  const value = getNodeValue(statement) as Record<string, unknown>;
  const sid = typeof value.Sid === 'string' && value.Sid ? { Sid: `${value.Sid}PassRole` } : {};
  for (const service of services) {
    const out = addStatement({ ...sid, Effect: 'Allow', Action: 'iam:PassRole', Resource: value.Resource, Condition: withPassedTo(value.Condition, service) });
    if (out !== text) fixes.push({ title: { kind: 'movePassRole', ...serviceOf(service) }, edits: [diffEdit(text, out)], isPreferred: fixes.length === 0 });
  }
  return fixes;
}

function serviceOf(service: string): { service?: string } {
  return service === PASSED_TO_SERVICE_PLACEHOLDER ? {} : { service };
}

/**
 * The statement's Action list without the iam:PassRole element (a single "iam:PassRole" string cannot
 * be here: such a statement grants only iam:PassRole), as a function that adds a statement to it;
 * undefined when the element cannot be removed.
 */
function withoutPassRole(text: string, root: Node, stPath: JSONPath, actionPath: JSONPath, options: FormattingOptions): ((moved: object) => string) | undefined {
  const removal = removeElement(text, actionPath, options);
  if (!removal.length) return undefined;
  const removed = applyEdits(text, removal);
  if (findNodeAtLocation(root, ['Statement'])?.type === 'array') {
    return (moved) => applyEdits(removed, modify(removed, ['Statement', -1], moved, { formattingOptions: options, isArrayInsertion: true }));
  }
  // A single statement object becomes a list of two.
  const after = parseTree(removed);
  const kept = after && findNodeAtLocation(after, stPath);
  if (!kept) return undefined;
  const keptValue: unknown = getNodeValue(kept);
  return (moved) => applyEdits(removed, modify(removed, ['Statement'], [keptValue, moved], { formattingOptions: options }));
}
