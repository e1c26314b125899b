/**
 * The identity policies and permissions boundary of an IAM role or user, read through IAM: attached
 * managed policies at their default version, inline policies, and for a user its groups' policies.
 */
import * as l10n from '@vscode/l10n';
import {
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsForUserCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { policyText, type UnreadPart } from '../core/debugging/accountPolicySet';
import type { PrincipalTarget } from '../core/debugging/targets';
import type { PolicySource } from '../core/evaluation/types';
import { allPages, attempt, readClientOptions, type ReadTarget } from './policyReads';

export interface IdentityPolicyRead {
  readonly identityPolicies: PolicySource[];
  readonly permissionsBoundaries: PolicySource[];
  readonly unread: UnreadPart[];
}

/** A managed policy's default version, named by its ARN. */
async function managedPolicy(iam: IAMClient, policyArn: string, unread: UnreadPart[], part: string): Promise<PolicySource | undefined> {
  const meta = await attempt(unread, 'iam:GetPolicy', part, () => iam.send(new GetPolicyCommand({ PolicyArn: policyArn })));
  const versionId = meta?.Policy?.DefaultVersionId;
  if (!versionId) return undefined;
  const version = await attempt(unread, 'iam:GetPolicyVersion', part, () => iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })));
  const doc = version?.PolicyVersion?.Document;
  return doc === undefined ? undefined : { name: policyArn, text: policyText(doc) };
}

type Page = { items: string[]; next?: string };

/** One page of a marker-paginated IAM list. */
function page(items: string[], r: { IsTruncated?: boolean; Marker?: string }): Page {
  return { items, next: r.IsTruncated ? r.Marker : undefined };
}

function arnsOf(attached: readonly { PolicyArn?: string }[] | undefined): string[] {
  return (attached ?? []).flatMap((p) => (p.PolicyArn ? [p.PolicyArn] : []));
}

async function attachedAndInline(
  iam: IAMClient,
  owner: string,
  unread: UnreadPart[],
  listAttached: (marker?: string) => Promise<Page>,
  listInline: (marker?: string) => Promise<Page>,
  getInline: (name: string) => Promise<string | undefined>,
  actions: { attached: string; inline: string; getInline: string },
): Promise<PolicySource[]> {
  const out: PolicySource[] = [];
  const attached = await attempt(unread, actions.attached, l10n.t('managed policies of {0}', owner), () => allPages(listAttached));
  for (const arn of attached ?? []) {
    const p = await managedPolicy(iam, arn, unread, l10n.t('managed policy {0}', arn));
    if (p) out.push(p);
  }
  const inline = await attempt(unread, actions.inline, l10n.t('inline policies of {0}', owner), () => allPages(listInline));
  for (const name of inline ?? []) {
    const doc = await attempt(unread, actions.getInline, l10n.t('inline policy {0} of {1}', name, owner), () => getInline(name));
    if (doc !== undefined) out.push({ name: `${owner} inline:${name}`, text: policyText(doc) });
  }
  return out;
}

/** Reads everything IAM holds for `principal`; each part that fails is listed in `unread`. */
export async function readIdentityPolicies(t: ReadTarget, principal: PrincipalTarget): Promise<IdentityPolicyRead> {
  const iam = new IAMClient(readClientOptions(t, t.target.endpoint ? t.target.region : 'us-east-1'));
  const unread: UnreadPart[] = [];
  const boundaries: PolicySource[] = [];
  try {
    const name = principal.name;
    let identity: PolicySource[];
    let boundaryArn: string | undefined;
    if (principal.kind === 'role') {
      const owner = `role/${name}`;
      const role = await attempt(unread, 'iam:GetRole', l10n.t('permissions boundary of {0}', owner), () => iam.send(new GetRoleCommand({ RoleName: name })));
      boundaryArn = role?.Role?.PermissionsBoundary?.PermissionsBoundaryArn;
      identity = await attachedAndInline(iam, owner, unread,
        async (m) => { const r = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name, Marker: m })); return page(arnsOf(r.AttachedPolicies), r); },
        async (m) => { const r = await iam.send(new ListRolePoliciesCommand({ RoleName: name, Marker: m })); return page(r.PolicyNames ?? [], r); },
        async (p) => (await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: p }))).PolicyDocument,
        { attached: 'iam:ListAttachedRolePolicies', inline: 'iam:ListRolePolicies', getInline: 'iam:GetRolePolicy' });
    } else {
      const owner = `user/${name}`;
      const user = await attempt(unread, 'iam:GetUser', l10n.t('permissions boundary of {0}', owner), () => iam.send(new GetUserCommand({ UserName: name })));
      boundaryArn = user?.User?.PermissionsBoundary?.PermissionsBoundaryArn;
      identity = await attachedAndInline(iam, owner, unread,
        async (m) => { const r = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: name, Marker: m })); return page(arnsOf(r.AttachedPolicies), r); },
        async (m) => { const r = await iam.send(new ListUserPoliciesCommand({ UserName: name, Marker: m })); return page(r.PolicyNames ?? [], r); },
        async (p) => (await iam.send(new GetUserPolicyCommand({ UserName: name, PolicyName: p }))).PolicyDocument,
        { attached: 'iam:ListAttachedUserPolicies', inline: 'iam:ListUserPolicies', getInline: 'iam:GetUserPolicy' });
      const groups = await attempt(unread, 'iam:ListGroupsForUser', l10n.t('group policies of {0}', owner), () =>
        allPages(async (m) => { const r = await iam.send(new ListGroupsForUserCommand({ UserName: name, Marker: m })); return page((r.Groups ?? []).flatMap((g) => (g.GroupName ? [g.GroupName] : [])), r); }));
      for (const group of groups ?? []) {
        identity.push(...await attachedAndInline(iam, `group/${group}`, unread,
          async (m) => { const r = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: group, Marker: m })); return page(arnsOf(r.AttachedPolicies), r); },
          async (m) => { const r = await iam.send(new ListGroupPoliciesCommand({ GroupName: group, Marker: m })); return page(r.PolicyNames ?? [], r); },
          async (p) => (await iam.send(new GetGroupPolicyCommand({ GroupName: group, PolicyName: p }))).PolicyDocument,
          { attached: 'iam:ListAttachedGroupPolicies', inline: 'iam:ListGroupPolicies', getInline: 'iam:GetGroupPolicy' }));
      }
    }
    if (boundaryArn) {
      const b = await managedPolicy(iam, boundaryArn, unread, l10n.t('permissions boundary {0}', boundaryArn));
      if (b) boundaries.push(b);
    }
    return { identityPolicies: identity, permissionsBoundaries: boundaries, unread };
  } finally {
    iam.destroy();
  }
}
