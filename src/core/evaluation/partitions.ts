// The partition a question is asked in, when the question itself does not say: escalation paths
// are written for the aws partition, and a China or GovCloud policy is judged in its own partition.
import { plainStrings } from '../policy/elementStrings';
import type { ParsedPolicy } from '../policy/parse';
import type { PathRequest } from './escalation/types';

/** The partition written in an ARN (`arn:aws-cn:...` gives `aws-cn`), when it is one partition and not a pattern. */
export function partitionOf(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const end = arn.indexOf(':', 4);
  const partition = end < 0 ? '' : arn.slice(4, end);
  return partition === '' || partition.includes('*') || partition.includes('?') || partition.includes('$') ? undefined : partition;
}

/**
 * The partition a principal's policies speak of: the caller's when its ARN is given; else the one
 * partition that every ARN of the policies' Resource and NotResource elements names, when they all
 * name the same one; else `aws`. AWS: "IAM roles and resource-based policies delegate access across
 * accounts only within a single partition", so the principal of a policy whose resources are all in
 * aws-cn is a principal of aws-cn. A policy naming resources of several partitions is read in aws.
 */
export function subjectPartition(caller: string | undefined, policies: readonly ParsedPolicy[]): string {
  const own = caller === undefined ? undefined : partitionOf(caller);
  if (own) return own;
  // Most policies name no other partition: their text says so without reading their elements.
  if (!policies.some((p) => p.text.includes('arn:aws-'))) return 'aws';
  let found: string | undefined;
  for (const pol of policies) {
    for (const st of pol.statements) {
      for (const el of [st.resource, st.notResource]) {
        for (const value of el ? plainStrings(el) : []) {
          const partition = partitionOf(value);
          if (partition === undefined) continue;
          if (found !== undefined && found !== partition) return 'aws';
          found = partition;
        }
      }
    }
  }
  return found ?? 'aws';
}

/** An ARN of the aws partition (or a path's resource template) moved to `partition`; other text as it is. */
export function inPartitionArn(arn: string, partition: string): string {
  return partition !== 'aws' && arn.startsWith('arn:aws:') ? `arn:${partition}:${arn.slice(8)}` : arn;
}

/**
 * The service principals a role may be passed to in `partition`: in China a service may also be named
 * `SERVICE.amazonaws.com.cn` (a suffix IAM Access Analyzer accepts for service principals: "use one of
 * the following suffixes: .amazon.com, .amazonaws.com.cn"), so each `SERVICE.amazonaws.com` of a path
 * is tried in both forms, the global one first. Other partitions use the global form.
 */
export function servicesInPartition(services: readonly string[], partition: string): readonly string[] {
  if (partition !== 'aws-cn') return services;
  return services.flatMap((s) => (s.endsWith('.amazonaws.com') ? [s, `${s}.cn`] : [s]));
}

const movedRequests = new Map<string, WeakMap<readonly (readonly PathRequest[])[], readonly (readonly PathRequest[])[]>>();

/**
 * A path's requests with their resources in `partition` (the paths are written for aws). Made once
 * per path and partition, so that what is kept per request (memo keys, probes) is kept for these too.
 */
export function requestsInPartition(requires: readonly (readonly PathRequest[])[], partition: string): readonly (readonly PathRequest[])[] {
  if (partition === 'aws') return requires;
  let byPath = movedRequests.get(partition);
  if (!byPath) {
    if (movedRequests.size > 16) movedRequests.clear();
    byPath = new WeakMap();
    movedRequests.set(partition, byPath);
  }
  let moved = byPath.get(requires);
  if (!moved) {
    moved = requires.map((group) => group.map((req) => ({
      ...req,
      resource: inPartitionArn(req.resource, partition),
      closedOn: req.closedOn?.map((c) => inPartitionArn(c, partition)),
      ...(req.passedTo ? { passedTo: servicesInPartition(req.passedTo, partition) } : {}),
    })));
    byPath.set(requires, moved);
  }
  return moved;
}
