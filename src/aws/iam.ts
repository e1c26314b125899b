import { GetAccountAuthorizationDetailsCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { StsCallError } from './errors';
import { clientOptions, type CredentialSource, type StsTarget } from './sts';

export interface RoleDetails {
  readonly arn: string;
  /** The trust policy, decoded from IAM's URL encoding and pretty-printed when it is JSON. */
  readonly trustPolicy: string;
  readonly maxSessionDuration?: number;
}

/** IAM GetRole, to show a role's trust policy after an AccessDenied. IAM is global: us-east-1 unless an endpoint is given. */
export async function getRole(target: StsTarget, credentials: CredentialSource, roleArn: string): Promise<RoleDetails> {
  const name = roleArn.split('/').pop() ?? roleArn;
  const iam = new IAMClient({ ...clientOptions({ ...target, region: target.endpoint ? target.region : 'us-east-1' }), credentials });
  try {
    const r = await iam.send(new GetRoleCommand({ RoleName: name }));
    const raw = r.Role?.AssumeRolePolicyDocument ?? '';
    let text = raw;
    try {
      text = decodeURIComponent(raw);
    } catch {
      // Already decoded.
    }
    try {
      text = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Keep IAM's text as it is.
    }
    return { arn: r.Role?.Arn ?? roleArn, trustPolicy: text, maxSessionDuration: r.Role?.MaxSessionDuration };
  } catch (e) {
    throw StsCallError.from(e, 'IAM GetRole', { roleArn, endpoint: target.endpoint });
  } finally {
    iam.destroy();
  }
}

/** The merged pages of GetAccountAuthorizationDetails, in the shape `aws iam get-account-authorization-details` prints. */
export interface AccountAuthorizationDetails {
  UserDetailList: unknown[];
  GroupDetailList: unknown[];
  RoleDetailList: unknown[];
  Policies: unknown[];
}

/**
 * IAM GetAccountAuthorizationDetails, every page. `onPage` hears the running count of entries;
 * aborting stops between pages. Policy documents stay URL-encoded strings, as IAM returns them.
 */
export async function getAccountAuthorizationDetails(target: StsTarget, credentials: CredentialSource, onPage: (entries: number) => void, abortSignal?: AbortSignal): Promise<AccountAuthorizationDetails> {
  const iam = new IAMClient({ ...clientOptions({ ...target, region: target.endpoint ? target.region : 'us-east-1' }), credentials });
  const out: AccountAuthorizationDetails = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  try {
    let marker: string | undefined;
    do {
      if (abortSignal?.aborted) throw new DOMException('cancelled', 'AbortError');
      const page = await iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: marker, MaxItems: 100 }), { abortSignal });
      out.UserDetailList.push(...(page.UserDetailList ?? []));
      out.GroupDetailList.push(...(page.GroupDetailList ?? []));
      out.RoleDetailList.push(...(page.RoleDetailList ?? []));
      out.Policies.push(...(page.Policies ?? []));
      onPage(out.UserDetailList.length + out.GroupDetailList.length + out.RoleDetailList.length + out.Policies.length);
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return out;
  } catch (e) {
    if (abortSignal?.aborted) throw e;
    throw StsCallError.from(e, 'IAM GetAccountAuthorizationDetails', { endpoint: target.endpoint });
  } finally {
    iam.destroy();
  }
}
