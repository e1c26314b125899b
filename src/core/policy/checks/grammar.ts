import type { JsonNode, ParsedElement, ParsedStatement } from '../parse';
import { STATEMENT_ELEMENTS, TOP_ELEMENTS, scalarValues } from '../parse';
import type { LintContext } from '../context';
import type { Target } from '../report';

const VERSIONS = ['2012-10-17', '2008-10-17'];

function brace(st: ParsedStatement): Target {
  return { path: st.path, offset: st.node.offset, length: 1 };
}

function typeName(n: JsonNode): string {
  return n.type === 'array' ? 'Array' : n.type === 'object' ? 'Object' : n.type === 'null' ? 'Null' : n.type === 'boolean' ? 'Boolean' : n.type === 'number' ? 'Number' : 'String';
}

/** Reports DATA_TYPE_MISMATCH unless the value is a string or an array of strings. Returns true when well-typed. */
function stringOrArray(ctx: LintContext, el: ParsedElement): boolean {
  const v = el.valueNode;
  if (v.type === 'string') return true;
  if (v.type === 'array') {
    let ok = true;
    // A plain loop: a callback would be a closure made for each element, in code V8 has not optimised.
    const children = v.children ?? [];
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.type !== 'string') {
        ctx.r.add('DATA_TYPE_MISMATCH', `The text does not match the expected JSON data type String. ${el.key} values must be strings, not ${typeName(c)}.`, [{ path: [...el.path, { index: i }], node: c }]);
        ok = false;
      }
    }
    return ok;
  }
  ctx.r.add('DATA_TYPE_MISMATCH', `The text does not match the expected JSON data type String or Array. ${el.key} must be a string or an array of strings, not ${typeName(v)}.`, [{ path: el.path, node: v }]);
  return false;
}

function isEmptyArray(n: JsonNode): boolean {
  return n.type === 'array' && (n.children?.length ?? 0) === 0;
}

function closestName(key: string, names: readonly string[]): string | undefined {
  return names.find((n) => n.toLowerCase() === key.toLowerCase());
}

/** Version, Id, Statement and every statement's element structure, per policy type. */
export function checkGrammar(ctx: LintContext): void {
  const { policy, r, type } = ctx;
  const root = policy.root!;

  const seenTop = new Set<string>();
  for (let e = 0; e < policy.elements.length; e++) {
    const el = policy.elements[e];
    if (seenTop.has(el.key)) r.add('DUPLICATE_ELEMENT', `The element ${el.key} appears more than once. Parsers keep only one of them, so part of the policy is silently ignored. Remove the duplicate.`, [{ path: el.path, node: el.keyNode }]);
    seenTop.add(el.key);
    if (!(TOP_ELEMENTS as readonly string[]).includes(el.key)) {
      const fixed = closestName(el.key, [...TOP_ELEMENTS, ...STATEMENT_ELEMENTS]);
      r.add('INVALID_POLICY_ELEMENT', `The policy element ${el.key} is not valid.${fixed ? ` Element names are case sensitive: use ${fixed}.` : ''}`, [{ path: el.path, node: el.keyNode }], fixed && (TOP_ELEMENTS as readonly string[]).includes(fixed) ? { replacement: JSON.stringify(fixed), title: { kind: 'renameTo', value: fixed } } : undefined);
    }
  }

  if (!policy.version) {
    r.add('MISSING_VERSION', 'We recommend that you specify the Version element to help you with debugging permission issues. Without it, IAM uses version 2008-10-17, which does not support policy variables.', [{ path: [], offset: root.offset, length: 1 }]);
  } else if (policy.version.valueNode.type !== 'string') {
    r.add('DATA_TYPE_MISMATCH', 'The text does not match the expected JSON data type String.', [{ path: policy.version.path, node: policy.version.valueNode }]);
  } else if (!VERSIONS.includes(policy.version.valueNode.value)) {
    r.add('INVALID_VERSION', `The version ${policy.version.valueNode.value} is not valid. Use one of the following versions: ${VERSIONS.join(', ')}`, [{ path: policy.version.path, node: policy.version.valueNode }], { replacement: '"2012-10-17"', title: { kind: 'useVersion2012' } });
  }
  if (policy.id && policy.id.valueNode.type !== 'string') {
    r.add('DATA_TYPE_MISMATCH', 'The text does not match the expected JSON data type String.', [{ path: policy.id.path, node: policy.id.valueNode }]);
  }

  const s = policy.statement;
  if (!s) {
    r.add('MISSING_STATEMENT', 'Add a statement to the policy', [{ path: [], offset: root.offset, length: 1 }]);
    return;
  }
  if (s.valueNode.type !== 'array' && s.valueNode.type !== 'object') {
    r.add('DATA_TYPE_MISMATCH', 'The text does not match the expected JSON data type Array or Object. Statement must be a statement object or an array of them.', [{ path: s.path, node: s.valueNode }]);
    return;
  }
  if (isEmptyArray(s.valueNode)) {
    r.add('MISSING_STATEMENT', 'Add a statement to the policy', [{ path: s.path, node: s.valueNode }]);
    return;
  }
  if (s.valueNode.type === 'array') {
    (s.valueNode.children ?? []).forEach((c, i) => {
      if (c.type !== 'object') r.add('DATA_TYPE_MISMATCH', `The text does not match the expected JSON data type Object. Each statement must be an object, not ${typeName(c)}.`, [{ path: [...s.path, { index: i }], node: c }]);
    });
  }

  const sids = new Map<string, number>();
  for (let s = 0; s < policy.statements.length; s++) {
    const st = policy.statements[s];
    checkStatementElements(ctx, st);
    const sid = st.sid;
    if (sid && sid.valueNode.type === 'string') {
      const v = sid.valueNode.value as string;
      if (v === '') {
        r.add('EMPTY_SID_VALUE', 'Add a value to the empty string in the Sid element.', [{ path: sid.path, node: sid.valueNode }]);
      } else {
        if (type !== 'RESOURCE_POLICY' && !/^[A-Z0-9]+$/i.test(v)) {
          r.add('UNSUPPORTED_SID', 'Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]', [{ path: sid.path, node: sid.valueNode }], { replacement: JSON.stringify(v.replace(/[^A-Z0-9]/gi, '')), title: { kind: 'removeUnsupportedCharacters' } });
        }
        sids.set(v, (sids.get(v) ?? 0) + 1);
      }
    }
  }
  for (let s = 0; s < policy.statements.length; s++) {
    const st = policy.statements[s];
    const sid = st.sid;
    if (sid && typeof sid.valueNode.value === 'string' && sid.valueNode.value !== '' && (sids.get(sid.valueNode.value) ?? 0) > 1) {
      if (type === 'RESOURCE_POLICY') r.add('UNIQUE_SIDS_RECOMMENDED', 'We recommend that you use statement IDs that are unique to your policy. Update the Sid value.', [{ path: sid.path, node: sid.valueNode }]);
      else r.add('UNIQUE_SIDS_REQUIRED', 'Duplicate statement IDs are not supported for this policy type. Update the Sid value.', [{ path: sid.path, node: sid.valueNode }]);
    }
  }
}

const NONE: (ParsedElement | undefined)[] = [];

function combination(r: LintContext['r'], name: string, not: ParsedElement): void {
  r.add('UNSUPPORTED_ELEMENT_COMBINATION', `The policy elements ${name} and Not${name} can not be used in the same statement. Remove one of these elements.`, [{ path: not.path, node: not.keyNode }]);
}

function checkStatementElements(ctx: LintContext, st: ParsedStatement): void {
  const { r, type } = ctx;
  for (let i = 0; i < st.elements.length; i++) {
    const el = st.elements[i];
    // A statement has a handful of elements: earlier ones are compared directly.
    let repeated = false;
    for (let k = 0; k < i && !repeated; k++) if (st.elements[k].key === el.key) repeated = true;
    if (repeated) r.add('DUPLICATE_ELEMENT', `The element ${el.key} appears more than once in this statement. Parsers keep only one of them, so part of the statement is silently ignored. Remove the duplicate.`, [{ path: el.path, node: el.keyNode }]);
    if (!(STATEMENT_ELEMENTS as readonly string[]).includes(el.key)) {
      const fixed = closestName(el.key, STATEMENT_ELEMENTS);
      r.add('INVALID_POLICY_ELEMENT', `The policy element ${el.key} is not valid.${fixed ? ` Element names are case sensitive: use ${fixed}.` : ''}`, [{ path: el.path, node: el.keyNode }], fixed ? { replacement: JSON.stringify(fixed), title: { kind: 'renameTo', value: fixed } } : undefined);
    }
  }

  if (st.sid && st.sid.valueNode.type !== 'string') {
    r.add('DATA_TYPE_MISMATCH', 'The text does not match the expected JSON data type String.', [{ path: st.sid.path, node: st.sid.valueNode }]);
  }

  if (!st.effect) {
    r.add('MISSING_EFFECT', 'Add an Effect element to the policy statement with a value of Allow or Deny.', [brace(st)]);
  } else if (st.effect.valueNode.type !== 'string') {
    r.add('DATA_TYPE_MISMATCH', 'The text does not match the expected JSON data type String.', [{ path: st.effect.path, node: st.effect.valueNode }]);
  } else if (st.effect.valueNode.value !== 'Allow' && st.effect.valueNode.value !== 'Deny') {
    const v = String(st.effect.valueNode.value);
    const fixed = /^allow$/i.test(v) ? 'Allow' : /^deny$/i.test(v) ? 'Deny' : undefined;
    r.add('INVALID_EFFECT', `The effect ${v} is not valid. Use Allow or Deny.`, [{ path: st.effect.path, node: st.effect.valueNode }], fixed ? { replacement: JSON.stringify(fixed), title: { kind: 'use', value: fixed } } : { candidates: ['"Allow"', '"Deny"'] });
  }

  if (st.action && st.notAction) combination(r, 'Action', st.notAction);
  if (st.resource && st.notResource) combination(r, 'Resource', st.notResource);
  if (st.principal && st.notPrincipal) combination(r, 'Principal', st.notPrincipal);

  if (!st.action && !st.notAction) r.add('MISSING_ACTION', 'Add an Action or NotAction element to the policy statement.', [brace(st)]);
  for (let i = 0; i < 4; i++) {
    const el = i === 0 ? st.action : i === 1 ? st.notAction : i === 2 ? st.resource : st.notResource;
    if (!el) continue;
    if (stringOrArray(ctx, el) && isEmptyArray(el.valueNode)) {
      if (el.key === 'Action') r.add('EMPTY_ARRAY_ACTION', 'This statement includes no actions and does not affect the policy. Specify actions.', [{ path: el.path, node: el.valueNode }]);
      else if (el.key === 'Resource') r.add('EMPTY_ARRAY_RESOURCE', 'This statement includes no resources and does not affect the policy. Specify resources.', [{ path: el.path, node: el.valueNode }]);
      else if (el.key === 'NotAction') r.add('EMPTY_ARRAY_NOT_ACTION', 'NotAction is empty, so this statement applies to every action: the opposite of what an empty list suggests. Specify the actions to exclude, or use "Action": "*".', [{ path: el.path, node: el.valueNode }]);
      else r.add('EMPTY_ARRAY_NOT_RESOURCE', 'NotResource is empty, so this statement applies to every resource. Specify the resources to exclude, or use "Resource": "*".', [{ path: el.path, node: el.valueNode }]);
    }
  }

  const hasPrincipal = st.principal || st.notPrincipal;
  switch (type) {
    case 'IDENTITY_POLICY':
      for (const el of hasPrincipal ? [st.principal, st.notPrincipal] : NONE) {
        if (el) r.add('UNSUPPORTED_PRINCIPAL', `The policy type IDENTITY_POLICY does not support the ${el.key} element. Remove the ${el.key} element.`, [{ path: el.path, node: el.keyNode }], { remove: true, title: { kind: 'remove', value: el.key } });
      }
      if (!st.resource && !st.notResource) r.add('MISSING_RESOURCE', 'Add a Resource or NotResource element to the policy statement.', [brace(st)]);
      break;
    case 'SERVICE_CONTROL_POLICY':
      for (const el of [st.principal, st.notPrincipal]) {
        if (el) r.add('SCP_SYNTAX_ERROR_PRINCIPAL', 'SCPs do not support specifying principals. Remove the Principal or NotPrincipal element.', [{ path: el.path, node: el.keyNode }], { remove: true, title: { kind: 'remove', value: el.key } });
      }
      break;
    case 'RESOURCE_POLICY':
      if (!hasPrincipal) r.add('MISSING_PRINCIPAL', 'Add a Principal element to the policy statement.', [brace(st)]);
      if (!st.resource && !st.notResource) r.add('MISSING_RESOURCE', 'Add a Resource or NotResource element to the policy statement.', [brace(st)]);
      break;
    case 'TRUST_POLICY':
      if (!hasPrincipal) r.add('MISSING_PRINCIPAL', 'Add a Principal element to the policy statement.', [brace(st)]);
      if (st.notPrincipal) r.add('ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', 'Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead.', [{ path: st.notPrincipal.path, node: st.notPrincipal.keyNode }]);
      for (const el of [st.resource, st.notResource]) {
        if (el) r.add('ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', 'Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the Resource or NotResource element.', [{ path: el.path, node: el.keyNode }], { remove: true, title: { kind: 'remove', value: el.key } });
      }
      break;
    case 'RESOURCE_CONTROL_POLICY':
      checkRcpStatement(ctx, st);
      break;
  }

  if (st.condition && st.condition.valueNode.type !== 'object') {
    r.add('DATA_TYPE_MISMATCH', 'The text does not match the expected JSON data type Object. Condition must be an object of operators.', [{ path: st.condition.path, node: st.condition.valueNode }]);
  }
}

function isStar(el: ParsedElement | undefined): boolean {
  if (!el) return false;
  const vals = scalarValues(el.valueNode, el.path);
  return vals.length === 1 && vals[0].value === '*';
}

function checkRcpStatement(ctx: LintContext, st: ParsedStatement): void {
  const { r } = ctx;
  if (st.notPrincipal) r.add('RCP_SYNTAX_ERROR_NOT_PRINCIPAL', 'RCPs do not support NotPrincipal. Use "Principal": "*" and narrow the statement with conditions such as aws:PrincipalOrgID.', [{ path: st.notPrincipal.path, node: st.notPrincipal.keyNode }]);
  if (!st.principal && !st.notPrincipal) {
    r.add('RCP_SYNTAX_ERROR_PRINCIPAL', 'RCP statements must specify "Principal": "*". Add the Principal element and narrow the statement with conditions.', [brace(st)]);
  } else if (st.principal && !isStar(st.principal)) {
    r.add('RCP_SYNTAX_ERROR_PRINCIPAL', 'RCPs support only "Principal": "*". Use conditions such as aws:PrincipalOrgID or aws:PrincipalAccount to select principals.', [{ path: st.principal.path, node: st.principal.valueNode }], { replacement: '"*"', title: { kind: 'use', value: '"Principal": "*"' } });
  }
  if (st.notAction) r.add('RCP_SYNTAX_ERROR_NOT_ACTION', 'RCPs do not support NotAction. List the actions to deny in Action.', [{ path: st.notAction.path, node: st.notAction.keyNode }]);
  if (!st.resource && !st.notResource) r.add('MISSING_RESOURCE', 'Add a Resource or NotResource element to the policy statement.', [brace(st)]);
  const effect = st.effect?.valueNode.value;
  if (effect === 'Allow') {
    const fullAccess = isStar(st.action) && isStar(st.resource) && isStar(st.principal) && !st.condition;
    if (!fullAccess) r.add('RCP_SYNTAX_ERROR_ALLOW', 'RCPs support Allow only in the AWS-managed RCPFullAWSAccess statement (Principal, Action and Resource all "*", no Condition). Use Deny statements to restrict access.', [{ path: st.effect!.path, node: st.effect!.valueNode }]);
  }
}
