// Whether a resource or trust policy's principal is the resource's own account. AWS: "If an action is
// allowed by an identity-based policy, a resource-based policy, or both, then AWS allows the action"
// within one account, and naming the account in a resource-based policy delegates to its identity
// policies, while naming one of its users, roles or sessions grants that principal access directly.
// So within the resource's account, an account's root covers none of its principals.
import { parsePolicy, stringValues } from '../../policy/parse';

const ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const OF_ACCOUNT = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/;

/** The account an account root principal (`arn:aws:iam::111122223333:root`) names. */
export function rootAccount(principal: string | undefined): string | undefined {
  return principal === undefined ? undefined : ROOT.exec(principal)?.[1];
}

/** The account of an IAM or STS principal ARN (a root, user, role or session). */
export function principalAccount(principal: string | undefined): string | undefined {
  return principal === undefined ? undefined : OF_ACCOUNT.exec(principal)?.[1];
}

/**
 * The one account that the Resource and NotResource ARNs of the texts name (a KMS key, an SQS queue,
 * an SNS topic, a Lambda function), or undefined when they name none (S3 ARNs, `*`) or several.
 */
export function accountNamedByResources(texts: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const text of texts) {
    for (const st of parsePolicy(text).statements) {
      for (const el of [st.resource, st.notResource]) {
        if (!el) continue;
        for (const v of stringValues(el)) {
          const account = v.value.split(':')[4];
          if (v.value.startsWith('arn:') && account !== undefined && /^\d{12}$/.test(account)) {
            if (found !== undefined && found !== account) return undefined;
            found = account;
          }
        }
      }
    }
  }
  return found;
}

/**
 * How an Allow's principal stands to the resource's account: `own` when it is that account's root,
 * `maybe` when it is an account root and the resource's account is unknown; undefined otherwise.
 */
export function delegation(principal: string | undefined, resourceAccount: string | undefined): 'own' | 'maybe' | undefined {
  const account = rootAccount(principal);
  if (account === undefined) return undefined;
  if (resourceAccount === undefined) return 'maybe';
  return account === resourceAccount ? 'own' : undefined;
}
