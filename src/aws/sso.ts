/**
 * IAM Identity Center through the SDK's own clients: the OIDC service (client registration, device
 * authorization, tokens) and the SSO portal (accounts, roles, role credentials, logout). Errors
 * keep only the exception name, the OAuth error code and a redacted message: tokens are request
 * parameters and never reach an error.
 */
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import type { TemporaryCredentials } from '../core/identity';
import { redactSecrets } from '../core/sessions/errors';
import type { ClientRegistration } from '../core/sso/cacheFiles';

export interface SsoTarget {
  /** `sso_region`. */
  readonly region: string;
  /** A custom endpoint for both the OIDC service and the portal; undefined for AWS's own. */
  readonly endpoint?: string;
}

/** A failed Identity Center call: the SDK's exception name, the OAuth `error` when there is one. */
export class SsoCallError extends Error {
  constructor(readonly operation: string, readonly code: string, readonly oauthError: string | undefined, message: string, readonly httpStatus?: number) {
    super(`${operation}: ${redactSecrets(message)}`);
    this.name = 'SsoCallError';
  }

  static from(e: unknown, operation: string): SsoCallError {
    const err = (e ?? {}) as { name?: unknown; error?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number }; code?: unknown };
    const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const network = s(err.code) && /^E[A-Z]+$/.test(s(err.code)!) ? s(err.code) : undefined;
    return new SsoCallError(operation, network ?? s(err.name) ?? 'Error', s(err.error), s(err.message) ?? 'unknown error', err.$metadata?.httpStatusCode);
  }
}

const TIMEOUT_MS = 15_000;
const options = (t: SsoTarget) => ({
  region: t.region,
  ...(t.endpoint ? { endpoint: t.endpoint } : {}),
  maxAttempts: 2,
  requestHandler: { connectionTimeout: TIMEOUT_MS, requestTimeout: TIMEOUT_MS, throwOnRequestTimeout: true },
});

async function call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw SsoCallError.from(e, operation);
  }
}

/** The OIDC service's authorize endpoint (for the PKCE flow's browser step). */
export function authorizeEndpoint(t: SsoTarget): string {
  return t.endpoint ? `${t.endpoint.replace(/\/+$/, '')}/authorize` : `https://oidc.${t.region}.${t.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}/authorize`;
}

export interface RegisterRequest {
  readonly scopes?: readonly string[];
  /** Set for the authorization-code flow: grant types, the loopback redirect and the start URL as issuer. */
  readonly authorizationCode?: { readonly redirectUri: string; readonly issuerUrl: string };
}

export async function registerClient(t: SsoTarget, r: RegisterRequest, clientName: string): Promise<ClientRegistration> {
  const oidc = new SSOOIDCClient(options(t));
  try {
    const grantTypes = r.authorizationCode ? ['authorization_code', 'refresh_token'] : undefined;
    const out = await call('RegisterClient', () => oidc.send(new RegisterClientCommand({
      clientName,
      clientType: 'public',
      scopes: r.scopes ? [...r.scopes] : undefined,
      ...(r.authorizationCode ? { grantTypes, redirectUris: [r.authorizationCode.redirectUri], issuerUrl: r.authorizationCode.issuerUrl } : {}),
    })));
    if (!out.clientId || !out.clientSecret) throw new SsoCallError('RegisterClient', 'InvalidResponse', undefined, 'IAM Identity Center returned no client');
    return { clientId: out.clientId, clientSecret: out.clientSecret, expiresAt: (out.clientSecretExpiresAt ?? 0) * 1000, scopes: r.scopes, grantTypes };
  } finally {
    oidc.destroy();
  }
}

export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete?: string;
  readonly expiresIn?: number;
  readonly interval?: number;
}

export async function startDeviceAuthorization(t: SsoTarget, reg: ClientRegistration, startUrl: string): Promise<DeviceAuthorization> {
  const oidc = new SSOOIDCClient(options(t));
  try {
    const out = await call('StartDeviceAuthorization', () => oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl })));
    if (!out.deviceCode || !out.userCode || !out.verificationUri) throw new SsoCallError('StartDeviceAuthorization', 'InvalidResponse', undefined, 'IAM Identity Center returned no device code');
    return { deviceCode: out.deviceCode, userCode: out.userCode, verificationUri: out.verificationUri, verificationUriComplete: out.verificationUriComplete, expiresIn: out.expiresIn, interval: out.interval };
  } finally {
    oidc.destroy();
  }
}

export type TokenGrant =
  | { readonly grantType: 'urn:ietf:params:oauth:grant-type:device_code'; readonly deviceCode: string }
  | { readonly grantType: 'authorization_code'; readonly code: string; readonly redirectUri: string; readonly codeVerifier: string }
  | { readonly grantType: 'refresh_token'; readonly refreshToken: string };

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken?: string;
}

export async function createToken(t: SsoTarget, reg: ClientRegistration, grant: TokenGrant): Promise<IssuedToken> {
  const oidc = new SSOOIDCClient({ ...options(t), maxAttempts: 1 });
  try {
    const out = await call('CreateToken', () => oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, ...grant })));
    if (!out.accessToken) throw new SsoCallError('CreateToken', 'InvalidResponse', undefined, 'IAM Identity Center returned no token');
    return { accessToken: out.accessToken, expiresIn: out.expiresIn ?? 3600, refreshToken: out.refreshToken };
  } finally {
    oidc.destroy();
  }
}

export interface SsoAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress?: string;
}

/** Every account, all pages. */
export async function listAccounts(t: SsoTarget, accessToken: string): Promise<SsoAccount[]> {
  const sso = new SSOClient(options(t));
  try {
    const out: SsoAccount[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call('ListAccounts', () => sso.send(new ListAccountsCommand({ accessToken, nextToken, maxResults: 100 })));
      for (const a of page.accountList ?? []) if (a.accountId) out.push({ accountId: a.accountId, accountName: a.accountName ?? a.accountId, emailAddress: a.emailAddress });
      nextToken = page.nextToken;
    } while (nextToken && out.length < 10_000);
    return out;
  } finally {
    sso.destroy();
  }
}

/** Every role of an account, all pages. */
export async function listAccountRoles(t: SsoTarget, accessToken: string, accountId: string): Promise<string[]> {
  const sso = new SSOClient(options(t));
  try {
    const out: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call('ListAccountRoles', () => sso.send(new ListAccountRolesCommand({ accessToken, accountId, nextToken, maxResults: 100 })));
      for (const r of page.roleList ?? []) if (r.roleName) out.push(r.roleName);
      nextToken = page.nextToken;
    } while (nextToken && out.length < 10_000);
    return out;
  } finally {
    sso.destroy();
  }
}

export async function getRoleCredentials(t: SsoTarget, accessToken: string, accountId: string, roleName: string): Promise<TemporaryCredentials> {
  const sso = new SSOClient(options(t));
  try {
    const out = await call('GetRoleCredentials', () => sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName })));
    const c = out.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey) throw new SsoCallError('GetRoleCredentials', 'InvalidResponse', undefined, 'IAM Identity Center returned no credentials');
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration ? new Date(c.expiration) : undefined };
  } finally {
    sso.destroy();
  }
}

export async function logout(t: SsoTarget, accessToken: string): Promise<void> {
  const sso = new SSOClient(options(t));
  try {
    await call('Logout', () => sso.send(new LogoutCommand({ accessToken })));
  } finally {
    sso.destroy();
  }
}
