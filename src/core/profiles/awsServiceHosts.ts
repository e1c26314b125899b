/**
 * The AWS service endpoints STS Lens itself calls, by host name. Being under an AWS domain is not
 * enough to be trusted: AWS customers serve their own code under amazonaws.com, api.aws, on.aws and
 * cloudfront.net (API Gateway, AppSync, S3 bucket hosts, Lambda function URLs, load balancers, EC2
 * public names). Only the exact hosts the SDK's endpoint rules give for the services in
 * awsEndpointHosts.generated.ts (regional, FIPS and dual-stack, in every partition) count.
 */
import { awsEndpointHosts } from './awsEndpointHosts.generated';

let byHost: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (byHost) return byHost;
  const map = new Map<string, string>();
  for (const [service, rows] of Object.entries(awsEndpointHosts())) {
    for (const [template, regions] of rows) {
      if (!regions) {
        if (!map.has(template)) map.set(template, service);
        continue;
      }
      for (const region of regions.split(' ')) {
        const host = template.replace('{region}', region);
        if (!map.has(host)) map.set(host, service);
      }
    }
  }
  byHost = map;
  return map;
}

/** Lower case, without the trailing dot of a fully qualified name. */
function normalHost(hostname: string): string {
  const host = hostname.toLowerCase();
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** The service STS Lens calls at this host (e.g. "STS", "S3"), or undefined for any other host. */
export function awsServiceOfHost(hostname: string): string | undefined {
  return table().get(normalHost(hostname));
}

/** The services whose endpoints are trusted, in the order of the table (for messages and docs). */
export function trustedEndpointServices(): string[] {
  return Object.keys(awsEndpointHosts());
}
