// A loopback STS endpoint for DecodeAuthorizationMessage, which moto lacks. It speaks the STS Query
// protocol (form-encoded POST, XML replies) and forwards every other request to moto unchanged,
// so one profile endpoint_url serves the whole STS/IAM API.
//
// Encoded messages are opaque random tokens, as AWS's are; the responder decodes only the tokens
// it issued itself. Issue them in-process with issue(), or over HTTP from another process:
//   POST /__sts-lens/issue  {"decoded": {...}, "delayMs": 0, "error": {"status": 403, "code": "AccessDenied", "message": "..."}}
//   -> {"encodedMessage": "..."}
// Callers whose access key id is listed in `deniedAccessKeyIds` get AccessDenied (HTTP 403),
// like an IAM user without sts:DecodeAuthorizationMessage.
//
// moto ignores trust-policy conditions other than StringEquals on keys that are present, so
// `guardRole(roleArn, { externalId, mfa })` makes AssumeRole on that role fail as AWS would when the
// ExternalId is missing or the MFA serial/code is missing. MFA code 000000 is always rejected.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

const xmlEscape = (s) => String(s).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);

function successXml(decodedMessage, requestId) {
  return `<DecodeAuthorizationMessageResponse xmlns="${STS_NS}">\n  <DecodeAuthorizationMessageResult>\n`
    + `    <DecodedMessage>${xmlEscape(decodedMessage)}</DecodedMessage>\n  </DecodeAuthorizationMessageResult>\n`
    + `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</DecodeAuthorizationMessageResponse>\n`;
}

function errorXml(code, message, requestId, type = 'Sender') {
  return `<ErrorResponse xmlns="${STS_NS}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(code)}</Code>\n`
    + `    <Message>${xmlEscape(message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
}

/** Looks like AWS's encoded messages: long, base64url-ish, and meaningless without the issuer. */
function newToken(decodedLength) {
  const bytes = crypto.randomBytes(Math.max(384, Math.min(1800, Math.round(decodedLength * 0.9))));
  return bytes.toString('base64url');
}

const readBody = (req) => new Promise((resolve, reject) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => resolve(Buffer.concat(chunks)));
  req.on('error', reject);
});

/** The access key id in a SigV4 Authorization header, if any. */
function callerAccessKeyId(req) {
  return /Credential=([^/,\s]+)\//.exec(req.headers.authorization || '')?.[1];
}

async function startDecodeResponder({ upstream, port = 0, deniedAccessKeyIds = [] } = {}) {
  const issued = new Map();
  // Services moto lacks besides STS's (IAM Identity Center, the console's federation endpoint),
  // each in its own module with handle(req, res, body) -> true when it answered.
  const handlers = [];
  const denied = new Set(deniedAccessKeyIds);
  const guards = new Map();

  /** An AccessDenied error for AssumeRole the way AWS words it, or undefined when the call may pass. */
  function assumeRoleDenial(params) {
    const roleArn = params.get('RoleArn');
    const guard = guards.get(roleArn);
    if (!guard) return undefined;
    const denial = `Caller is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
    if (guard.externalId && params.get('ExternalId') !== guard.externalId) return { code: 'AccessDenied', message: denial };
    if (guard.mfa) {
      const serial = params.get('SerialNumber');
      const code = params.get('TokenCode');
      if (!serial || !code) return { code: 'AccessDenied', message: denial };
      if (!/^\d{6}$/.test(code)) return { code: 'ValidationError', message: `1 validation error detected: Value '${code}' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*` };
      if (code === '000000') return { code: 'AccessDenied', message: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ' };
    }
    return undefined;
  }

  function issue(decoded, { delayMs = 0, error } = {}) {
    const decodedMessage = typeof decoded === 'string' ? decoded : JSON.stringify(decoded);
    const token = newToken(decodedMessage.length);
    issued.set(token, { decodedMessage, delayMs, error });
    return token;
  }

  function send(res, status, body, contentType = 'text/xml') {
    res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': crypto.randomUUID() });
    res.end(body);
  }

  async function decode(req, res, params) {
    const requestId = crypto.randomUUID();
    const reply = (status, body) => send(res, status, body);
    if (!req.headers.authorization) {
      return reply(403, errorXml('MissingAuthenticationToken', 'Request is missing Authentication Token', requestId));
    }
    const accessKeyId = callerAccessKeyId(req);
    if (accessKeyId && denied.has(accessKeyId)) {
      return reply(403, errorXml('AccessDenied', `User: caller with access key ${accessKeyId} is not authorized to perform: sts:DecodeAuthorizationMessage`, requestId));
    }
    const encoded = params.get('EncodedMessage');
    if (!encoded) {
      return reply(400, errorXml('MissingParameter', 'The request must contain the parameter EncodedMessage', requestId));
    }
    const entry = issued.get(encoded);
    if (!entry) {
      return reply(400, errorXml('InvalidAuthorizationMessageException', 'Message is not valid', requestId));
    }
    if (entry.delayMs) await new Promise((r) => setTimeout(r, entry.delayMs));
    if (entry.error) {
      return reply(entry.error.status || 403, errorXml(entry.error.code || 'AccessDenied', entry.error.message || 'Access denied', requestId, entry.error.type));
    }
    return reply(200, successXml(entry.decodedMessage, requestId));
  }

  /** Forwards to moto; `onReply(status, text)` also sees the reply (buffered then, not streamed). */
  function forward(req, res, body, onReply) {
    if (!upstream) return send(res, 501, errorXml('InvalidAction', 'Only DecodeAuthorizationMessage is served here', crypto.randomUUID()));
    // Keep the Host header: SigV4 signatures cover it, and moto recomputes them from what it receives.
    const target = new URL(req.url, upstream);
    const proxied = http.request(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      if (!onReply) return up.pipe(res);
      const chunks = [];
      up.on('data', (c) => chunks.push(c));
      up.on('end', () => {
        const reply = Buffer.concat(chunks);
        res.end(reply);
        onReply(up.statusCode, reply.toString('utf8'));
      });
    });
    proxied.on('error', (e) => send(res, 502, errorXml('ServiceUnavailable', `upstream ${upstream} failed: ${e.message}`, crypto.randomUUID(), 'Receiver')));
    proxied.end(body);
  }

  async function control(req, res, body) {
    try {
      const { decoded, delayMs, error } = JSON.parse(body.toString('utf8'));
      if (decoded === undefined) throw new Error('"decoded" is required');
      send(res, 200, JSON.stringify({ encodedMessage: issue(decoded, { delayMs, error }) }), 'application/json');
    } catch (e) {
      send(res, 400, JSON.stringify({ error: e.message }), 'application/json');
    }
  }

  const server = http.createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      if (req.method === 'POST' && req.url === '/__sts-lens/issue') return await control(req, res, body);
      for (const h of handlers) if (await h.handle(req, res, body)) return;
      const isForm = (req.headers['content-type'] || '').startsWith('application/x-www-form-urlencoded');
      const params = req.method === 'POST' && isForm ? new URLSearchParams(body.toString('utf8')) : new URL(req.url, 'http://x').searchParams;
      if (params.get('Action') === 'DecodeAuthorizationMessage') return await decode(req, res, params);
      if (params.get('Action') === 'AssumeRole') {
        const denial = assumeRoleDenial(params);
        if (denial) return send(res, denial.code === 'ValidationError' ? 400 : 403, errorXml(denial.code, denial.message, crypto.randomUUID()));
      }
      // Handlers with observe(action, status, text) see what moto answers (the federation endpoint
      // learns the federation tokens moto issues, which moto's own checks do not recognise later).
      const observers = handlers.filter((h) => h.observe);
      if (params.get('Action') === 'GetFederationToken' && observers.length) return forward(req, res, body, (status, text) => observers.forEach((h) => h.observe('GetFederationToken', status, text)));
      forward(req, res, body);
    } catch (e) {
      if (!res.headersSent) send(res, 500, errorXml('InternalFailure', e.message, crypto.randomUUID(), 'Receiver'));
      else res.destroy();
    }
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${server.address().port}`;

  return {
    endpoint,
    port: server.address().port,
    issue,
    /** Issues one message per `*.json` file in `dir`; returns {fileNameWithoutExtension: encoded}. */
    issueFixtures(dir) {
      const out = {};
      if (!fs.existsSync(dir)) return out;
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
        out[path.basename(file, '.json')] = issue(fs.readFileSync(path.join(dir, file), 'utf8').trim());
      }
      return out;
    },
    denyAccessKeyId: (id) => denied.add(id),
    guardRole: (roleArn, guard) => guards.set(roleArn, guard),
    /** Adds a protocol handler ({ handle(req, res, body) }) tried before STS and moto. */
    addHandler: (h) => handlers.push(h),
    stop() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

module.exports = { startDecodeResponder, successXml, errorXml };
