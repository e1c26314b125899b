/**
 * SCPs and RCPs on the path from the organization root through each OU to an account, read through
 * AWS Organizations. Neither exists outside an organization, and AWS applies neither to the
 * management account; both facts are returned as notes so nobody mistakes an omitted level for "allowed".
 */
import * as l10n from '@vscode/l10n';
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import { policyText, type UnreadPart } from '../core/debugging/accountPolicySet';
import type { PolicySource } from '../core/evaluation/types';
import { allPages, errorName, failedRead, readClientOptions, type ReadTarget } from './policyReads';

export interface OrganizationPolicyRead {
  readonly serviceControlPolicies?: PolicySource[][];
  readonly resourceControlPolicies?: PolicySource[][];
  readonly managementAccount?: string;
  readonly unread: UnreadPart[];
  readonly notes: string[];
}

/** Each kind of organization policy, with the words of its "Not evaluated" rows and notes (a whole phrase per kind). */
const KINDS: readonly { type: PolicyType; part: () => string; onePart: (policy: string, target: string) => string; notEnabled: () => string; key: 'serviceControlPolicies' | 'resourceControlPolicies' }[] = [
  { type: 'SERVICE_CONTROL_POLICY', part: () => l10n.t('SCPs'), onePart: (policy, target) => l10n.t('SCPs ({0} on {1})', policy, target), notEnabled: () => l10n.t('SCPs are not enabled in the organization: none apply.'), key: 'serviceControlPolicies' },
  { type: 'RESOURCE_CONTROL_POLICY', part: () => l10n.t('RCPs'), onePart: (policy, target) => l10n.t('RCPs ({0} on {1})', policy, target), notEnabled: () => l10n.t('RCPs are not enabled in the organization: none apply.'), key: 'resourceControlPolicies' },
];

/** Root, then each OU, then the account: the targets whose policies form the levels. */
async function pathToRoot(org: OrganizationsClient, account: string): Promise<string[]> {
  const path = [account];
  let child = account;
  for (let depth = 0; depth < 7; depth++) {
    const r = await org.send(new ListParentsCommand({ ChildId: child }));
    const parent = r.Parents?.[0];
    if (!parent?.Id) break;
    path.unshift(parent.Id);
    if (parent.Type === 'ROOT') break;
    child = parent.Id;
  }
  return path;
}

export async function readOrganizationPolicies(t: ReadTarget, account: string): Promise<OrganizationPolicyRead> {
  const org = new OrganizationsClient(readClientOptions(t, t.target.endpoint ? t.target.region : 'us-east-1'));
  const unread: UnreadPart[] = [];
  const notes: string[] = [];
  try {
    let management: string | undefined;
    try {
      management = (await org.send(new DescribeOrganizationCommand({}))).Organization?.MasterAccountId;
    } catch (e) {
      if (errorName(e) === 'AWSOrganizationsNotInUseException') {
        notes.push(l10n.t('Account {0} is in no AWS Organizations organization: no SCPs or RCPs apply.', account));
        return { unread, notes };
      }
      unread.push(failedRead(e, 'organizations:DescribeOrganization', l10n.t('SCPs and RCPs')));
      return { unread, notes };
    }
    // The engine applies AWS's rule that SCPs do not restrict the management account's principals; the levels are still read so the trace shows them.
    if (management === account) notes.push(l10n.t("Account {0} is the organization's management account: SCPs do not restrict its principals, nor RCPs its resources.", account));
    let targets: string[];
    try {
      targets = await pathToRoot(org, account);
    } catch (e) {
      unread.push(failedRead(e, 'organizations:ListParents', l10n.t('SCPs and RCPs')));
      return { unread, notes };
    }
    const out: { serviceControlPolicies?: PolicySource[][]; resourceControlPolicies?: PolicySource[][] } = {};
    for (const kind of KINDS) {
      const levels: PolicySource[][] = [];
      let complete = true;
      for (const target of targets) {
        try {
          const ids = await allPages(async (next) => {
            const r = await org.send(new ListPoliciesForTargetCommand({ TargetId: target, Filter: kind.type, NextToken: next }));
            return { items: (r.Policies ?? []).flatMap((p) => (p.Id ? [{ id: p.Id, name: p.Name ?? p.Id }] : [])), next: r.NextToken };
          });
          const level: PolicySource[] = [];
          for (const p of ids) {
            const d = await org.send(new DescribePolicyCommand({ PolicyId: p.id })).catch((e: unknown) => {
              unread.push(failedRead(e, 'organizations:DescribePolicy', kind.onePart(p.name, target)));
              complete = false;
              return undefined;
            });
            const content = d?.Policy?.Content;
            if (content !== undefined) level.push({ name: `${p.name} (${target})`, text: policyText(content) });
          }
          levels.push(level);
        } catch (e) {
          if (errorName(e) === 'PolicyTypeNotEnabledException') {
            notes.push(kind.notEnabled());
          } else {
            unread.push(failedRead(e, 'organizations:ListPoliciesForTarget', kind.part()));
          }
          complete = false;
          break;
        }
      }
      // A level that could not be read is left out rather than guessed: the slot stays empty and the gap is listed.
      if (complete) out[kind.key] = levels;
    }
    return { ...out, ...(management ? { managementAccount: management } : {}), unread, notes };
  } finally {
    org.destroy();
  }
}
