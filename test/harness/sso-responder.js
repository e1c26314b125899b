// IAM Identity Center for the loopback responder, which moto lacks: the SSO OIDC service
// (RegisterClient, StartDeviceAuthorization, CreateToken with the device_code, authorization_code +
// PKCE and refresh_token grants), the browser pages a person approves on, and the SSO portal
// (ListAccounts, ListAccountRoles, GetRoleCredentials, Logout), all in their real REST-JSON shapes.
// GetRoleCredentials returns real moto sessions: it calls AssumeRole as a broker user into the
// role behind each permission set. The console's federation endpoint lives in federation-responder.js.
//
// Test controls (JSON over HTTP, like /__sts-lens/issue):
//   GET  /__sts-lens/sso/pending                -> {"pending": [{"userCode": "ABCD-EFGH"}]}
//   POST /__sts-lens/sso/approve {"userCode", "deny": false}
//   POST /__sts-lens/sso/faults {"slowDown": 2, "expireDevice": true, "revokeRefresh": true, "tokenLifetimeSeconds": 900}
//   POST /__sts-lens/sso/accounts {"accountId", "accountName", "roleCount"}   (an account with many roles)
'use strict';
const crypto = require('crypto');
const { STSClient, AssumeRoleCommand } = require('@aws-sdk/client-sts');

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const html = (s) => String(s).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c]);
const random = (n = 32) => crypto.randomBytes(n).toString('base64url');
const userCode = () => {
  const letters = 'BCDFGHJKLMNPQRSTVWXZ';
  const pick = () => Array.from(crypto.randomBytes(4), (b) => letters[b % letters.length]).join('');
  return `${pick()}-${pick()}`;
};

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title>`
    + '<style>body{font:16px system-ui,sans-serif;max-width:34rem;margin:4rem auto;color:#16191f}h1{font-size:1.4rem}'
    + 'code,input{font:1.3rem monospace;letter-spacing:.1em}input{padding:.3rem;width:12rem}button{font-size:1rem;padding:.5rem 1.2rem;margin:.8rem .6rem 0 0}'
    + '.allow{background:#ff9900;border:1px solid #c77700}.note{color:#5f6b7a;font-size:.9rem}</style></head>'
    + `<body><p class="note">Sandbox IAM Identity Center (local, not AWS)</p><h1>${html(title)}</h1>${body}</body></html>`;
}

/**
 * `accounts`: [{ accountId, accountName, emailAddress, roles: [{ roleName, roleArn }] }].
 * `broker`: keys of an IAM user every roleArn trusts; `stsEndpoint`: moto.
 */
function createSsoResponder({ stsEndpoint, broker, accounts, region = 'us-east-1', userName = 'sandbox-user' }) {
  const sts = new STSClient({ endpoint: stsEndpoint, region, credentials: broker, maxAttempts: 1 });
  const clients = new Map();
  const devices = new Map(); // deviceCode -> { clientId, userCode, status, expiresAt, interval, lastPoll }
  const codes = new Map(); // authorization code -> { clientId, redirectUri, challenge }
  const accessTokens = new Map(); // token -> { expiresAt }
  const refreshTokens = new Map(); // token -> { clientId }
  const faults = { slowDown: 0, expireDevice: false, revokeRefresh: false, tokenLifetimeSeconds: 8 * 3600 };
  let endpoint = '';

  const json = (res, status, body, errorType) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': crypto.randomUUID(), ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
    res.end(JSON.stringify(body));
  };
  const oauthError = (res, status, type, error, description) => json(res, status, { error, error_description: description }, type);
  const portalError = (res, status, type, message) => json(res, status, { message }, type);
  const sendHtml = (res, status, text) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
  };

  function issueTokens(clientId) {
    const accessToken = `sandbox-at-${random()}`;
    const refreshToken = `sandbox-rt-${random()}`;
    accessTokens.set(accessToken, { expiresAt: Date.now() + faults.tokenLifetimeSeconds * 1000 });
    refreshTokens.set(refreshToken, { clientId });
    return { accessToken, tokenType: 'Bearer', expiresIn: faults.tokenLifetimeSeconds, refreshToken };
  }

  function register(res, body) {
    if (!body.clientName || !body.clientType) return oauthError(res, 400, 'InvalidRequestException', 'invalid_request', 'clientName and clientType are required');
    const clientId = `sandbox-client-${random(12)}`;
    const clientSecret = random(48);
    const now = Math.floor(Date.now() / 1000);
    clients.set(clientId, { clientSecret, grantTypes: body.grantTypes ?? [DEVICE_GRANT, 'refresh_token'], redirectUris: body.redirectUris ?? [] });
    json(res, 200, { clientId, clientSecret, clientIdIssuedAt: now, clientSecretExpiresAt: now + 90 * 86400, authorizationEndpoint: `${endpoint}/authorize`, tokenEndpoint: `${endpoint}/token` });
  }

  const clientOk = (body) => clients.get(body.clientId)?.clientSecret === body.clientSecret;

  function startDevice(res, body) {
    if (!clientOk(body)) return oauthError(res, 401, 'InvalidClientException', 'invalid_client', 'Invalid client');
    const deviceCode = random();
    const code = userCode();
    devices.set(deviceCode, { clientId: body.clientId, userCode: code, status: 'pending', expiresAt: Date.now() + 600_000, interval: 1, lastPoll: 0 });
    json(res, 200, { deviceCode, userCode: code, verificationUri: `${endpoint}/device`, verificationUriComplete: `${endpoint}/device?user_code=${code}`, expiresIn: 600, interval: 1 });
  }

  function createToken(res, body) {
    if (!clientOk(body)) return oauthError(res, 401, 'InvalidClientException', 'invalid_client', 'Invalid client');
    const client = clients.get(body.clientId);
    if (body.grantType === DEVICE_GRANT) {
      const d = devices.get(body.deviceCode);
      if (!d || d.clientId !== body.clientId) return oauthError(res, 400, 'InvalidGrantException', 'invalid_grant', 'Invalid device code provided');
      if (faults.expireDevice || Date.now() > d.expiresAt) return oauthError(res, 400, 'ExpiredTokenException', 'expired_token', 'Device code has expired');
      if (faults.slowDown > 0) {
        faults.slowDown--;
        return oauthError(res, 400, 'SlowDownException', 'slow_down', 'Client is polling too quickly');
      }
      if (d.status === 'denied') return oauthError(res, 400, 'AccessDeniedException', 'access_denied', 'Access denied');
      if (d.status !== 'approved') return oauthError(res, 400, 'AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
      devices.delete(body.deviceCode);
      return json(res, 200, issueTokens(body.clientId));
    }
    if (body.grantType === 'authorization_code') {
      const c = codes.get(body.code);
      codes.delete(body.code);
      if (!client.grantTypes.includes('authorization_code') || !c || c.clientId !== body.clientId || c.redirectUri !== body.redirectUri) return oauthError(res, 400, 'InvalidGrantException', 'invalid_grant', 'Invalid authorization code');
      const challenge = crypto.createHash('sha256').update(String(body.codeVerifier ?? ''), 'ascii').digest('base64url');
      if (challenge !== c.challenge) return oauthError(res, 400, 'InvalidGrantException', 'invalid_grant', 'PKCE verification failed');
      return json(res, 200, issueTokens(body.clientId));
    }
    if (body.grantType === 'refresh_token') {
      const r = refreshTokens.get(body.refreshToken);
      if (faults.revokeRefresh || !r || r.clientId !== body.clientId) return oauthError(res, 400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided');
      refreshTokens.delete(body.refreshToken);
      return json(res, 200, issueTokens(body.clientId));
    }
    return oauthError(res, 400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type ${String(body.grantType).slice(0, 80)}`);
  }

  function devicePage(res, query) {
    const code = (query.get('user_code') ?? '').toUpperCase();
    sendHtml(res, 200, page('Authorize request', `<p>Confirm that this code matches the code shown in the app that asked to sign in:</p>`
      + `<form method="post" action="device"><label>Code <input name="user_code" value="${html(code)}" autocomplete="off" aria-label="Code"></label><br>`
      + '<button class="allow" name="decision" value="allow" type="submit">Allow access</button><button name="decision" value="deny" type="submit">Deny</button></form>'
      + `<p class="note">Signing in as ${html(userName)}.</p>`));
  }

  function deviceDecision(res, form) {
    const code = (form.get('user_code') ?? '').trim().toUpperCase();
    const entry = [...devices.values()].find((d) => d.userCode === code && d.status === 'pending');
    if (!entry) return sendHtml(res, 400, page('Code not found', '<p>That code is unknown or already used. Go back to the app and sign in again.</p>'));
    entry.status = form.get('decision') === 'deny' ? 'denied' : 'approved';
    sendHtml(res, 200, entry.status === 'approved'
      ? page('Request approved', '<p>You can close this window and return to the app.</p>')
      : page('Request denied', '<p>The app was not signed in. You can close this window.</p>'));
  }

  function authorizePage(res, query) {
    const client = clients.get(query.get('client_id'));
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!client || query.get('response_type') !== 'code' || query.get('code_challenge_method') !== 'S256' || !query.get('code_challenge')) {
      return sendHtml(res, 400, page('Invalid request', '<p>The sign-in request is missing its client, PKCE challenge or response type.</p>'));
    }
    if (!/^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\//.test(redirectUri)) return sendHtml(res, 400, page('Invalid request', '<p>The redirect must go to this computer.</p>'));
    const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge'].map((k) => `<input type="hidden" name="${k}" value="${html(query.get(k) ?? '')}">`).join('');
    sendHtml(res, 200, page('Allow access?', `<p>An application on this computer asks to use your IAM Identity Center sign-in.</p><form method="post" action="authorize">${hidden}`
      + '<button class="allow" name="decision" value="allow" type="submit">Allow access</button><button name="decision" value="deny" type="submit">Deny</button></form>'));
  }

  function authorizeDecision(res, form) {
    const redirect = new URL(form.get('redirect_uri'));
    redirect.searchParams.set('state', form.get('state') ?? '');
    if (form.get('decision') === 'deny') redirect.searchParams.set('error', 'access_denied');
    else {
      const code = random();
      codes.set(code, { clientId: form.get('client_id'), redirectUri: form.get('redirect_uri'), challenge: form.get('code_challenge') });
      redirect.searchParams.set('code', code);
    }
    res.writeHead(302, { location: redirect.toString() });
    res.end();
  }

  function bearer(req, res) {
    const token = req.headers['x-amz-sso_bearer_token'];
    const t = token && accessTokens.get(token);
    if (!t || t.expiresAt <= Date.now()) {
      portalError(res, 401, 'UnauthorizedException', 'Session token not found or invalid');
      return undefined;
    }
    return token;
  }

  function pageOf(list, query, defaultSize) {
    const size = Math.min(Number(query.get('max_result')) || defaultSize, 1000);
    const start = Number(query.get('next_token') ? Buffer.from(query.get('next_token'), 'base64url').toString() : 0) || 0;
    const items = list.slice(start, start + size);
    const next = start + size < list.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
    return { items, next };
  }

  async function roleCredentials(res, query) {
    const account = accounts.find((a) => a.accountId === query.get('account_id'));
    const role = account?.roles.find((r) => r.roleName === query.get('role_name'));
    if (!role) return portalError(res, 403, 'ForbiddenException', 'No access');
    try {
      const out = await sts.send(new AssumeRoleCommand({ RoleArn: role.roleArn, RoleSessionName: userName, DurationSeconds: 3600 }));
      const c = out.Credentials;
      json(res, 200, { roleCredentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration.getTime() } });
    } catch (e) {
      portalError(res, 500, 'InternalServerException', `The role could not be assumed: ${e.name}`);
    }
  }

  async function control(req, res, url, body) {
    if (url.pathname === '/__sts-lens/sso/pending') return json(res, 200, { pending: [...devices.values()].filter((d) => d.status === 'pending').map((d) => ({ userCode: d.userCode })) });
    const input = body.length ? JSON.parse(body.toString('utf8')) : {};
    if (url.pathname === '/__sts-lens/sso/approve') {
      const entry = [...devices.values()].find((d) => d.userCode === input.userCode && d.status === 'pending');
      if (!entry) return json(res, 404, { error: 'no such pending code' });
      entry.status = input.deny ? 'denied' : 'approved';
      return json(res, 200, { status: entry.status });
    }
    if (url.pathname === '/__sts-lens/sso/faults') {
      Object.assign(faults, input);
      return json(res, 200, faults);
    }
    if (url.pathname === '/__sts-lens/sso/accounts') {
      const template = accounts[0].roles[0];
      accounts.push({ accountId: input.accountId, accountName: input.accountName, emailAddress: `${input.accountId}@example.com`, roles: Array.from({ length: input.roleCount }, (_, i) => ({ roleName: `Role${String(i + 1).padStart(3, '0')}`, roleArn: template.roleArn })) });
      return json(res, 200, { accounts: accounts.length });
    }
    return json(res, 404, { error: 'unknown control' });
  }

  /** Answers the request when it is one of ours; returns false to let the responder go on. */
  async function handle(req, res, body) {
    const url = new URL(req.url, 'http://x');
    const p = url.pathname;
    const q = url.searchParams;
    const parseJson = () => (body.length ? JSON.parse(body.toString('utf8')) : {});
    if (p.startsWith('/__sts-lens/sso/')) {
      await control(req, res, url, body);
      return true;
    }
    if (req.method === 'POST' && p === '/client/register') return register(res, parseJson()) ?? true;
    if (req.method === 'POST' && p === '/device_authorization') return startDevice(res, parseJson()) ?? true;
    if (req.method === 'POST' && p === '/token') return createToken(res, parseJson()) ?? true;
    if (req.method === 'GET' && p === '/device') return devicePage(res, q) ?? true;
    if (req.method === 'POST' && p === '/device') return deviceDecision(res, new URLSearchParams(body.toString('utf8'))) ?? true;
    if (req.method === 'GET' && p === '/authorize') return authorizePage(res, q) ?? true;
    if (req.method === 'POST' && p === '/authorize') return authorizeDecision(res, new URLSearchParams(body.toString('utf8'))) ?? true;
    if (p === '/assignment/accounts' || p === '/assignment/roles' || p === '/federation/credentials' || p === '/logout') {
      const token = bearer(req, res);
      if (!token) return true;
      if (p === '/logout') {
        accessTokens.delete(token);
        res.writeHead(200);
        res.end();
        return true;
      }
      if (p === '/assignment/accounts') {
        const { items, next } = pageOf(accounts, q, 20);
        json(res, 200, { accountList: items.map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, emailAddress })), ...(next ? { nextToken: next } : {}) });
        return true;
      }
      if (p === '/assignment/roles') {
        const account = accounts.find((a) => a.accountId === q.get('account_id'));
        if (!account) return portalError(res, 404, 'ResourceNotFoundException', 'Account not found') ?? true;
        const { items, next } = pageOf(account.roles, q, 20);
        json(res, 200, { roleList: items.map((r) => ({ roleName: r.roleName, accountId: account.accountId })), ...(next ? { nextToken: next } : {}) });
        return true;
      }
      await roleCredentials(res, q);
      return true;
    }
    return false;
  }

  return {
    handle,
    setEndpoint: (e) => (endpoint = e),
    destroy: () => sts.destroy(),
  };
}

module.exports = { createSsoResponder };
