/** What a principal value designates, for hovers and the trust-policy summary. */
export interface PrincipalDescription {
  readonly kind: 'everyone' | 'account' | 'role' | 'assumed-role' | 'user' | 'federated-user' | 'service' | 'oidc' | 'saml' | 'web-identity' | 'canonical-user' | 'unknown';
  /** Short words for a one-line summary, e.g. "account 111122223333". */
  readonly label: string;
  readonly account?: string;
  /** Longer explanation for a hover. */
  readonly detail: string;
}

import * as l10n from '@vscode/l10n';
import { mdCode, mdText } from '../../markdown';

/** Web identity providers by their names (product names, not translated). */
const WEB_IDENTITY: Record<string, string> = {
  'cognito-identity.amazonaws.com': 'Amazon Cognito identity pools',
  'www.amazon.com': 'Login with Amazon',
  'graph.facebook.com': 'Facebook',
  'accounts.google.com': 'Google',
};

/** Describes one principal value given under `AWS`, `Service`, `Federated` or `CanonicalUser` (or `"*"`). */
export function describePrincipal(kind: string, value: string): PrincipalDescription {
  if (/^\$\{(?:intrinsic|expression|template)\}$/.test(value)) {
    return { kind: 'unknown', label: l10n.t('a principal the template computes'), detail: l10n.t('A value CloudFormation or Terraform computes when it deploys the template; it cannot be checked here.') };
  }
  if (value === '*') {
    return kind === 'AWS' || kind === '*'
      ? { kind: 'everyone', label: l10n.t('anyone (*)'), detail: l10n.t('Every principal in every AWS account, including anonymous callers unless a condition narrows it.') }
      : { kind: 'unknown', label: l10n.t('any {0} principal (*)', kind), detail: l10n.t('A wildcard {0} principal.', mdText(kind)) };
  }
  if (kind === 'Service') {
    return { kind: 'service', label: l10n.t('service {0}', value), detail: l10n.t('The AWS service {0} acting on your behalf. Restrict it with `aws:SourceArn` or `aws:SourceAccount` to avoid the confused-deputy problem.', mdCode(value)) };
  }
  if (kind === 'CanonicalUser') {
    return { kind: 'canonical-user', label: l10n.t('an S3 canonical user'), detail: l10n.t('An Amazon S3 canonical user ID ({0}…).', mdText(value.slice(0, 12))) };
  }
  if (kind === 'Federated') {
    if (value === 'token.actions.githubusercontent.com' || /oidc-provider\/token\.actions\.githubusercontent\.com$/.test(value)) {
      const account = /^arn:[^:]+:iam::(\d{12}):/.exec(value)?.[1];
      return { kind: 'oidc', label: l10n.t('GitHub Actions (OIDC)'), account, detail: account
        ? l10n.t('GitHub Actions workflows through the OIDC provider `token.actions.githubusercontent.com` registered in account {0}. Pin `token.actions.githubusercontent.com:sub` to your repository and `:aud` to `sts.amazonaws.com`.', account)
        : l10n.t('GitHub Actions workflows through the OIDC provider `token.actions.githubusercontent.com`. Pin `token.actions.githubusercontent.com:sub` to your repository and `:aud` to `sts.amazonaws.com`.') };
    }
    const oidc = /^arn:[^:]+:iam::(\d{12}|\*):oidc-provider\/(.+)$/.exec(value);
    if (oidc) return { kind: 'oidc', label: l10n.t('OIDC {0}', oidc[2]), account: oidc[1], detail: l10n.t('Users of the OIDC identity provider {0} registered in account {1}. Condition on {2} and {3}.', mdCode(oidc[2]), mdText(oidc[1]), mdCode(`${oidc[2]}:aud`), mdCode(`${oidc[2]}:sub`)) };
    const saml = /^arn:[^:]+:iam::(\d{12}|\*):saml-provider\/(.+)$/.exec(value);
    if (saml) return { kind: 'saml', label: l10n.t('SAML {0}', saml[2]), account: saml[1], detail: l10n.t('Users signed in through the SAML identity provider {0} registered in account {1}. Condition on `SAML:aud`.', mdCode(saml[2]), mdText(saml[1])) };
    const web = WEB_IDENTITY[value];
    if (web) return { kind: 'web-identity', label: web, detail: l10n.t('Users signed in with {0} (web identity federation).', mdText(web)) };
    return { kind: 'unknown', label: l10n.t('federated {0}', value), detail: l10n.t('The federated identity provider {0}.', mdCode(value)) };
  }
  if (/^\d{12}$/.test(value)) {
    return { kind: 'account', label: l10n.t('account {0}', value), account: value, detail: l10n.t('Account {0}: any principal in that account whose own identity policy allows the action.', mdText(value)) };
  }
  const arn = /^arn:[^:]+:([^:]+):[^:]*:([^:]*):(.*)$/.exec(value);
  if (arn) {
    const [, service, account, resource] = arn;
    if (service === 'iam' && resource === 'root') return { kind: 'account', label: l10n.t('account {0}', account), account, detail: l10n.t('Account {0} (the account root ARN): any principal in that account whose own identity policy allows the action.', mdText(account)) };
    if (service === 'iam' && resource.startsWith('role/')) {
      const name = resource.slice(resource.lastIndexOf('/') + 1);
      return { kind: 'role', label: l10n.t('role {0} ({1})', name, account), account, detail: l10n.t('The IAM role {0} in account {1}.', mdCode(resource.slice(5)), mdText(account)) };
    }
    if (service === 'iam' && resource.startsWith('user/')) {
      const name = resource.slice(resource.lastIndexOf('/') + 1);
      return { kind: 'user', label: l10n.t('user {0} ({1})', name, account), account, detail: l10n.t('The IAM user {0} in account {1}.', mdCode(resource.slice(5)), mdText(account)) };
    }
    if (service === 'sts' && resource.startsWith('assumed-role/')) {
      const [, role, session] = resource.split('/');
      return { kind: 'assumed-role', label: l10n.t('session {0} of role {1} ({2})', session ?? '?', role, account), account, detail: l10n.t('The role session {0} of role {1} in account {2}.', mdCode(session ?? '?'), mdCode(role), mdText(account)) };
    }
    if (service === 'sts' && resource.startsWith('federated-user/')) {
      return { kind: 'federated-user', label: l10n.t('federated user {0} ({1})', resource.slice(15), account), account, detail: l10n.t('The federated user session {0} in account {1}.', mdCode(resource.slice(15)), mdText(account)) };
    }
    return { kind: 'unknown', label: value, account: account || undefined, detail: account ? l10n.t('The principal {0} in account {1}.', mdCode(value), mdText(account)) : l10n.t('The principal {0}.', mdCode(value)) };
  }
  if (/^[A-Z0-9]{21}$/.test(value)) {
    return { kind: 'unknown', label: l10n.t('unique id {0}', value), detail: l10n.t('An IAM unique ID: AWS shows this when the role or user it named was deleted. Replace it with the ARN of the principal you mean.') };
  }
  return { kind: 'unknown', label: value, detail: l10n.t('The principal {0}.', mdCode(value)) };
}
