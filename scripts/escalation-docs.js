#!/usr/bin/env node
// Writes the privilege-escalation section of docs/checks.md from the paths' data
// (src/core/evaluation/escalation), so the documentation and the checks cannot drift apart.
// Run after `npx tsc -p .` (it reads the compiled data in out/).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const { ESCALATION_PATHS } = require(path.join(root, 'out/src/core/evaluation/escalation/paths.js'));

const SOURCE_NAMES = [
  [/rhinosecuritylabs/, 'Rhino Security Labs'],
  [/pathfinding\.cloud\/paths\/(.+)$/, (m) => `pathfinding.cloud ${m[1]}`],
  [/hackingthe\.cloud/, 'Hacking the Cloud'],
  [/PMapper/, 'PMapper edge checkers'],
  [/cloudsplaining/, "cloudsplaining's method list"],
  [/iam-vulnerable/, 'Bishop Fox iam-vulnerable'],
  [/docs\.aws\.amazon\.com/, 'AWS documentation'],
];

function sourceName(url) {
  for (const [re, name] of SOURCE_NAMES) {
    const m = re.exec(url);
    if (m) return typeof name === 'function' ? name(m) : name;
  }
  return url;
}

function request(r) {
  const where = r.resource === '*' ? 'on `*` (the action has no resource types)' : `on \`${r.resource}\``;
  const passed = r.passedTo ? `, passed to ${r.passedTo.map((s) => `\`${s}\``).join(' or ')} (\`iam:PassedToService\`)` : '';
  const other = r.target === 'other' ? ', another user than the caller' : '';
  return `\`${r.action}\` ${where}${passed}${other}`;
}

function closes(p) {
  const out = new Set();
  for (const r of p.requires.flat()) {
    for (const c of r.closedOn ?? []) out.add(`\`${r.action}\` only on \`${c}\``);
    if (r.passedTo) out.add(`\`iam:PassRole\` limited by \`iam:PassedToService\` to other services than ${r.passedTo.map((s) => `\`${s}\``).join(' or ')}`);
    if (r.target === 'other') out.add(`\`${r.action}\` only on the caller's own user (\`\${aws:username}\`)`);
  }
  return [...out];
}

function section(p) {
  const groups = p.requires.map((g) => g.map(request).join(', or '));
  const lines = [
    `### ${p.code.toLowerCase()}`,
    '',
    `**${p.code}** · SECURITY_WARNING · ${p.title}`,
    '',
    `Whoever has ${p.requires.length > 1 ? 'these permissions' : 'this permission'} ${p.how}.`,
    '',
    'Requests (each line is needed; alternatives on one line are enough alone):',
    '',
    ...groups.map((g) => `- ${g}`),
    '',
    `What closes it: a \`Deny\` (with conditions the path cannot avoid, \`NotAction\`, or a resource pattern) that covers one request for every resource the path could use; \`Resource\` scoping that leaves no such resource${closes(p).length ? `; ${closes(p).join('; ')}` : ''}.`,
    '',
    `Sources: ${p.sources.map((s) => `[${sourceName(s)}](${s})`).join(', ')}.`,
    '',
  ];
  return lines.join('\n');
}

const intro = `### Privilege escalation

The \`PRIVILEGE_ESCALATION_…\` codes are SECURITY_WARNINGs for the documented ways an IAM principal can give itself more permissions than it has. Each path is data: the requests it needs (action, the resource it acts on, the \`iam:PassedToService\` it passes a role to, whether the resource must be another user than the caller), its sources and a short explanation. A path holds when the evaluation engine behind **Simulate Request** allows every request it needs for some resource the path could use: the representative resource below, or one that the policy's own \`Resource\` strings name. So \`Deny\` statements count with their resource patterns (\`arn:aws:iam::*:role/*\`), their \`NotAction\` and their conditions, and scoping counts: passing a named role is still a path (that role may be more privileged), but \`iam:PassRole\` limited by \`iam:PassedToService\` to another service, or an action allowed only on resources no caller can use for it, is not.

Conditions: what the caller chooses in its request (request tags, \`aws:TagKeys\`, \`aws:RequestedRegion\`, a service's request parameters such as \`iam:PolicyARN\`) is chosen in the path's favour; what it does not choose (its source IP, MFA, principal tags, resource tags) makes the finding say "It holds only if …" with the condition. \`iam:PassedToService\` is fixed by the path.

Scope: in the editor, one identity policy on its own; with \`sts-lens lint --auth-details\`, also every policy of one principal together (a user's inline and attached policies and those of its groups, a role's inline and attached policies, within the principal's permissions boundary when the dump holds it); a path that only the policies together open is reported on the policy holding one of its grants and names the others. The finding points at each grant that makes up the path.

A policy that allows every action on every resource (\`"Action": "*"\` on \`"Resource": "*"\`, with no condition and no \`Deny\`) gets one **FULL_ADMIN_ACCESS** finding instead of every path.

Paths that only add a step to one already listed are covered by it: pathfinding.cloud's iam-003 (CreateAccessKey with DeleteAccessKey), ec2-005 (the same requests as ec2-004), iam-014 to iam-021 (a policy change followed by \`sts:AssumeRole\`, \`iam:CreateAccessKey\` or \`iam:UpdateAssumeRolePolicy\`), lambda-004 and lambda-005 (UpdateFunctionCode with InvokeFunction or AddPermission), ecs-001 and ecs-002 (with \`ecs:CreateCluster\`), ecs-006 (ExecuteCommand with \`ecs:DescribeTasks\`), ecs-007 (with \`ecs:RegisterContainerInstance\`), batch-003 (with the compute environment and job queue created too), ssm-003 (with \`ssm:CreateDocument\`), and PMapper's CodeBuild \`UpdateProject\` and CloudFormation \`UpdateStack\` with a new role. The group variants of deleting and detaching a policy are not in Hacking the Cloud's text; they follow from its user and role variants.

### full_admin_access

**FULL_ADMIN_ACCESS** · SECURITY_WARNING · Full administrator access

An identity policy allows every action on every resource with no condition, and nothing in it denies: whoever has it administers the account. Reported once, at the \`"*"\` action, instead of every privilege-escalation path. Closed by any \`Deny\` in the policy (the paths are then decided one by one), a condition, or a narrower \`Action\` or \`Resource\`.
`;

const text = `${intro}\n${ESCALATION_PATHS.map(section).join('\n')}`;
const file = path.join(root, 'docs/checks.md');
const docs = fs.readFileSync(file, 'utf8');
const start = docs.indexOf('### Privilege escalation');
const end = docs.indexOf('\n## ', start);
if (start < 0 || end < 0) throw new Error('docs/checks.md has no "### Privilege escalation" section followed by a "## " heading');
fs.writeFileSync(file, `${docs.slice(0, start)}${text}\n${docs.slice(end)}`);
console.log(`docs/checks.md: ${ESCALATION_PATHS.length} paths written`);
