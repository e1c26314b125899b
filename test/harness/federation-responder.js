// The AWS console's federation endpoint (signin.aws.amazon.com/federation) for the loopback
// responder: Action=getSigninToken checks the session credentials against moto (GetCallerIdentity)
// and returns {"SigninToken": …}; Action=login checks the token and shows a page naming who signed
// in and where the console would open, instead of redirecting to the real console.
'use strict';
const crypto = require('crypto');
const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');

const html = (s) => String(s).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c]);

const xmlField = (xml, name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

function createFederationResponder({ stsEndpoint, region = 'us-east-1' }) {
  const tokens = new Map(); // SigninToken -> { arn, expiresAt, sessionSeconds }
  const logins = [];
  // moto does not recognise its own federation tokens in later calls (InvalidClientTokenId), so the
  // ones it issued through the responder are checked here: accessKeyId -> { secret, token, arn }.
  const federated = new Map();

  function observe(action, status, xml) {
    if (action !== 'GetFederationToken' || status !== 200) return;
    const accessKeyId = xmlField(xml, 'AccessKeyId');
    const arn = xmlField(xml, 'Arn');
    if (accessKeyId && arn) federated.set(accessKeyId, { secret: xmlField(xml, 'SecretAccessKey'), token: xmlField(xml, 'SessionToken'), arn });
  }

  /** The caller's ARN: a federation token moto issued, else what moto's GetCallerIdentity says. */
  async function callerArn(session) {
    const f = federated.get(session.sessionId);
    if (f) {
      if (f.secret !== session.sessionKey || f.token !== session.sessionToken) throw Object.assign(new Error('invalid'), { name: 'InvalidClientTokenId' });
      return f.arn;
    }
    const sts = new STSClient({ endpoint: stsEndpoint, region, maxAttempts: 1, credentials: { accessKeyId: session.sessionId, secretAccessKey: session.sessionKey, sessionToken: session.sessionToken } });
    try {
      return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
    } finally {
      sts.destroy();
    }
  }

  const text = (res, status, body, type = 'text/plain') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };

  async function signinToken(res, q) {
    let session;
    try {
      session = JSON.parse(q.get('Session') ?? '');
    } catch {
      return text(res, 400, 'Invalid Session parameter');
    }
    const duration = q.get('SessionDuration');
    if (duration !== null && (!/^\d+$/.test(duration) || Number(duration) < 900 || Number(duration) > 43200)) return text(res, 400, 'SessionDuration must be between 900 and 43200 seconds');
    if (!session?.sessionToken || (String(session.sessionId).startsWith('AKIA') && !federated.has(session.sessionId))) return text(res, 400, 'The federation endpoint needs temporary security credentials (an access key with a session token)');
    try {
      const arn = await callerArn(session);
      const token = crypto.randomBytes(96).toString('base64url');
      const seconds = Number(duration ?? 3600);
      tokens.set(token, { arn, expiresAt: Date.now() + 15 * 60_000, sessionSeconds: seconds });
      text(res, 200, JSON.stringify({ SigninToken: token }), 'application/json');
    } catch (e) {
      text(res, 400, `The credentials are not valid (${e.name})`);
    }
  }

  function login(res, q) {
    const entry = tokens.get(q.get('SigninToken') ?? '');
    tokens.delete(q.get('SigninToken') ?? '');
    if (!entry || entry.expiresAt <= Date.now()) return text(res, 400, '<!doctype html><title>Sign-in failed</title><h1>Sign-in failed</h1><p>The sign-in link has expired or was already used.</p>', 'text/html; charset=utf-8');
    const destination = q.get('Destination') ?? '';
    logins.push({ arn: entry.arn, destination, sessionSeconds: entry.sessionSeconds });
    text(res, 200, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>AWS console (sandbox)</title></head>'
      + '<body style="font:16px system-ui,sans-serif;max-width:40rem;margin:4rem auto"><p style="color:#5f6b7a">Sandbox federation endpoint (local, not AWS)</p>'
      + `<h1>Signed in to the AWS console</h1><p>as <code>${html(entry.arn)}</code> for ${Math.round(entry.sessionSeconds / 60)} minutes.</p>`
      + `<p>The real console would open <a href="${html(destination)}">${html(destination)}</a>.</p></body></html>`, 'text/html; charset=utf-8');
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/__sts-lens/federation/logins') {
      text(res, 200, JSON.stringify({ logins }), 'application/json');
      return true;
    }
    if (url.pathname !== '/federation') return false;
    const action = url.searchParams.get('Action');
    if (action === 'getSigninToken') await signinToken(res, url.searchParams);
    else if (action === 'login') login(res, url.searchParams);
    else text(res, 400, 'Unknown Action');
    return true;
  }

  return { handle, observe };
}

module.exports = { createFederationResponder };
