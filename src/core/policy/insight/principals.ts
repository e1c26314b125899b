/** What a principal value designates, for hovers and the trust-policy summary. */
export interface PrincipalDescription {
  readonly kind: 'everyone' | 'account' | 'role' | 'assumed-role' | 'user' | 'federated-user' | 'service' | 'oidc' | 'saml' | 'web-identity' | 'canonical-user' | 'unknown';
  /** Short words for a one-line summary, e.g. "account 111122223333". */
  readonly label: string;
  readonly account?: string;
  /** Longer explanation for a hover. */
  readonly detail: string;
}

const WEB_IDENTITY: Record<string, string> = {
  'cognito-identity.amazonaws.com': 'Amazon Cognito identity pools',
  'www.amazon.com': 'Login with Amazon',
  'graph.facebook.com': 'Facebook',
  'accounts.google.com': 'Google',
};

import { mdCode, mdText } from '../../markdown';

/** Describes one principal value given under `AWS`, `Service`, `Federated` or `CanonicalUser` (or `"*"`). */
export function describePrincipal(kind: string, value: string): PrincipalDescription {
  if (/^\$\{(?:intrinsic|expression|template)\}$/.test(value)) {
    return { kind: 'unknown', label: 'a principal the template computes', detail: 'A value CloudFormation or Terraform computes when it deploys the template; it cannot be checked here.' };
  }
  if (value === '*') {
    return kind === 'AWS' || kind === '*'
      ? { kind: 'everyone', label: 'anyone (*)', detail: 'Every principal in every AWS account, including anonymous callers unless a condition narrows it.' }
      : { kind: 'unknown', label: `any ${kind} principal (*)`, detail: `A wildcard ${mdText(kind)} principal.` };
  }
  if (kind === 'Service') {
    return { kind: 'service', label: `service ${value}`, detail: `The AWS service ${mdCode(value)} acting on your behalf. Restrict it with \`aws:SourceArn\` or \`aws:SourceAccount\` to avoid the confused-deputy problem.` };
  }
  if (kind === 'CanonicalUser') {
    return { kind: 'canonical-user', label: 'an S3 canonical user', detail: `An Amazon S3 canonical user ID (${mdText(value.slice(0, 12))}…).` };
  }
  if (kind === 'Federated') {
    if (value === 'token.actions.githubusercontent.com' || /oidc-provider\/token\.actions\.githubusercontent\.com$/.test(value)) {
      const account = /^arn:[^:]+:iam::(\d{12}):/.exec(value)?.[1];
      return { kind: 'oidc', label: 'GitHub Actions (OIDC)', account, detail: `GitHub Actions workflows through the OIDC provider \`token.actions.githubusercontent.com\`${account ? ` registered in account ${account}` : ''}. Pin \`token.actions.githubusercontent.com:sub\` to your repository and \`:aud\` to \`sts.amazonaws.com\`.` };
    }
    const oidc = /^arn:[^:]+:iam::(\d{12}|\*):oidc-provider\/(.+)$/.exec(value);
    if (oidc) return { kind: 'oidc', label: `OIDC ${oidc[2]}`, account: oidc[1], detail: `Users of the OIDC identity provider ${mdCode(oidc[2])} registered in account ${mdText(oidc[1])}. Condition on ${mdCode(`${oidc[2]}:aud`)} and ${mdCode(`${oidc[2]}:sub`)}.` };
    const saml = /^arn:[^:]+:iam::(\d{12}|\*):saml-provider\/(.+)$/.exec(value);
    if (saml) return { kind: 'saml', label: `SAML ${saml[2]}`, account: saml[1], detail: `Users signed in through the SAML identity provider ${mdCode(saml[2])} registered in account ${mdText(saml[1])}. Condition on \`SAML:aud\`.` };
    const web = WEB_IDENTITY[value];
    if (web) return { kind: 'web-identity', label: web, detail: `Users signed in with ${mdText(web)} (web identity federation).` };
    return { kind: 'unknown', label: `federated ${value}`, detail: `The federated identity provider ${mdCode(value)}.` };
  }
  if (/^\d{12}$/.test(value)) {
    return { kind: 'account', label: `account ${value}`, account: value, detail: `Account ${mdText(value)}: any principal in that account whose own identity policy allows the action.` };
  }
  const arn = /^arn:[^:]+:([^:]+):[^:]*:([^:]*):(.*)$/.exec(value);
  if (arn) {
    const [, service, account, resource] = arn;
    if (service === 'iam' && resource === 'root') return { kind: 'account', label: `account ${account}`, account, detail: `Account ${mdText(account)} (the account root ARN): any principal in that account whose own identity policy allows the action.` };
    if (service === 'iam' && resource.startsWith('role/')) {
      const name = resource.slice(resource.lastIndexOf('/') + 1);
      return { kind: 'role', label: `role ${name} (${account})`, account, detail: `The IAM role ${mdCode(resource.slice(5))} in account ${mdText(account)}.` };
    }
    if (service === 'iam' && resource.startsWith('user/')) {
      const name = resource.slice(resource.lastIndexOf('/') + 1);
      return { kind: 'user', label: `user ${name} (${account})`, account, detail: `The IAM user ${mdCode(resource.slice(5))} in account ${mdText(account)}.` };
    }
    if (service === 'sts' && resource.startsWith('assumed-role/')) {
      const [, role, session] = resource.split('/');
      return { kind: 'assumed-role', label: `session ${session ?? '?'} of role ${role} (${account})`, account, detail: `The role session ${mdCode(session ?? '?')} of role ${mdCode(role)} in account ${mdText(account)}.` };
    }
    if (service === 'sts' && resource.startsWith('federated-user/')) {
      return { kind: 'federated-user', label: `federated user ${resource.slice(15)} (${account})`, account, detail: `The federated user session ${mdCode(resource.slice(15))} in account ${mdText(account)}.` };
    }
    return { kind: 'unknown', label: value, account: account || undefined, detail: `The principal ${mdCode(value)}${account ? ` in account ${mdText(account)}` : ''}.` };
  }
  if (/^[A-Z0-9]{21}$/.test(value)) {
    return { kind: 'unknown', label: `unique id ${value}`, detail: 'An IAM unique ID: AWS shows this when the role or user it named was deleted. Replace it with the ARN of the principal you mean.' };
  }
  return { kind: 'unknown', label: value, detail: `The principal ${mdCode(value)}.` };
}
