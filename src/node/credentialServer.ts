/**
 * A loopback container-credentials endpoint (the protocol behind AWS_CONTAINER_CREDENTIALS_FULL_URI
 * and AWS_CONTAINER_AUTHORIZATION_TOKEN) so terminals get credentials that renew themselves.
 * Binds 127.0.0.1 only; each registration has its own random path and token.
 */
import * as l10n from '@vscode/l10n';
import * as crypto from 'crypto';
import * as http from 'http';
import type * as net from 'net';
import { listenLoopback } from './loopbackPort';
import { containerCredentialsBody, type PlainCredentials } from '../core/sessions/credentialFormats';
import { redactSecrets } from '../core/sessions/redact';

export type CredentialSupplier = () => Promise<PlainCredentials>;

export interface CredentialGrant {
  readonly url: string;
  readonly token: string;
  /** Stops serving this grant; later requests with its token get 403. */
  revoke(): void;
}

export interface CredentialServerEvents {
  /** Called for every request, with no secrets: for the log. */
  onRequest?(info: { path: string; status: number; reason?: string }): void;
}

/**
 * How long a client may take and how many may connect at once. Only terminals of this window
 * connect, one short GET at a time, so the limits are tight: a slow or idle client is cut off.
 */
export interface CredentialServerLimits {
  /** Time to receive a request's headers. */
  readonly headersTimeoutMs: number;
  /** Time to receive a whole request. */
  readonly requestTimeoutMs: number;
  /** Idle time allowed on a kept-alive connection between requests. */
  readonly keepAliveTimeoutMs: number;
  /** Idle time on a socket before it is closed; longer than a refresh with STS's retries. */
  readonly socketTimeoutMs: number;
  /**
   * Open connections at once. A connection over the cap sheds the oldest idle one (first those that
   * never sent a request, then those that never showed a valid token, then the rest), so another
   * local process holding connections open cannot starve the terminals; when every one is busy the
   * new one is refused.
   */
  readonly maxConnections: number;
  /** Time a new connection has to send a complete request before it is closed. */
  readonly silentTimeoutMs: number;
  /** How often Node checks the header and request timeouts. */
  readonly checkIntervalMs: number;
}

export const DEFAULT_LIMITS: CredentialServerLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  socketTimeoutMs: 60_000,
  maxConnections: 16,
  silentTimeoutMs: 2_000,
  checkIntervalMs: 1_000,
};

/**
 * What a client gets when the session could not be refreshed; the reason goes to the log only. The AWS
 * CLI prints the body in the terminal ("Received non 200 response (500) from container metadata: …"),
 * so its message is in the display language.
 */
export function refreshFailedBody(): { code: string; message: string } {
  return { code: 'CredentialsUnavailable', message: l10n.t('STS Lens could not refresh the session. See the STS Lens log in VS Code.') };
}

/** What the server knows of an open connection, to choose which one to shed. */
interface Connection {
  readonly socket: net.Socket;
  /** Order of arrival, then of last activity: lower is older. */
  lastActive: number;
  /** Requests being answered on it. */
  busy: number;
  /** True once a complete request arrived. */
  spoke: boolean;
  /** True once a request on it showed a valid token. */
  trusted: boolean;
  silentTimer?: NodeJS.Timeout;
}

interface Registration {
  readonly tokenDigest: Buffer;
  readonly supply: CredentialSupplier;
}

function digest(value: string): Buffer {
  return crypto.createHash('sha256').update(value, 'utf8').digest();
}

export class CredentialServer {
  private server: http.Server | undefined;
  private starting: Promise<number> | undefined;
  private readonly grants = new Map<string, Registration>();
  private readonly connections = new Map<net.Socket, Connection>();
  private tick = 0;

  private readonly limits: CredentialServerLimits;

  /** `ports`: loopback ports to try first (a range remote setups are told not to forward); then any free port. */
  constructor(private readonly events: CredentialServerEvents = {}, private readonly now: () => number = Date.now, limits: Partial<CredentialServerLimits> = {}, private readonly ports: readonly number[] = []) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Starts listening on a loopback port (once); returns the port. */
  start(): Promise<number> {
    if (this.starting) return this.starting;
    const l = this.limits;
    const server = http.createServer({
      headersTimeout: l.headersTimeoutMs,
      requestTimeout: l.requestTimeoutMs,
      keepAliveTimeout: l.keepAliveTimeoutMs,
      connectionsCheckingInterval: l.checkIntervalMs,
    }, (req, res) => void this.handle(req, res));
    server.on('connection', (socket: net.Socket) => this.admit(socket));
    server.setTimeout(l.socketTimeoutMs, (socket) => socket.destroy());
    this.starting = listenLoopback(server, this.ports).then((port) => {
      this.server = server;
      return port;
    });
    this.starting.catch(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async register(supply: CredentialSupplier): Promise<CredentialGrant> {
    const port = await this.start();
    const id = crypto.randomBytes(16).toString('hex');
    const token = crypto.randomBytes(32).toString('base64url');
    this.grants.set(id, { tokenDigest: digest(token), supply });
    return { url: `http://127.0.0.1:${port}/credentials/${id}`, token, revoke: () => this.grants.delete(id) };
  }

  get activeGrants(): number {
    return this.grants.size;
  }

  async stop(): Promise<void> {
    this.grants.clear();
    for (const c of [...this.connections.values()]) this.drop(c);
    const server = this.server;
    this.server = undefined;
    this.starting = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Takes a new connection in, shedding the oldest idle one when the cap is reached. */
  private admit(socket: net.Socket): void {
    if (this.connections.size >= this.limits.maxConnections) {
      const victim = this.sheddable();
      if (!victim) {
        socket.destroy();
        return;
      }
      this.drop(victim);
    }
    const c: Connection = { socket, lastActive: ++this.tick, busy: 0, spoke: false, trusted: false };
    c.silentTimer = setTimeout(() => {
      if (!c.spoke) socket.destroy();
    }, this.limits.silentTimeoutMs);
    c.silentTimer.unref();
    this.connections.set(socket, c);
    socket.once('close', () => this.drop(c));
  }

  /** The idle connection to close first: silent ones, then ones without a valid token, then the rest; oldest first. */
  private sheddable(): Connection | undefined {
    let best: Connection | undefined;
    const rank = (c: Connection) => (!c.spoke ? 0 : !c.trusted ? 1 : 2);
    for (const c of this.connections.values()) {
      if (c.busy) continue;
      if (!best || rank(c) < rank(best) || (rank(c) === rank(best) && c.lastActive < best.lastActive)) best = c;
    }
    return best;
  }

  private drop(c: Connection): void {
    if (c.silentTimer) clearTimeout(c.silentTimer);
    this.connections.delete(c.socket);
    c.socket.destroy();
  }

  /** Marks the request's connection busy until the answer is sent. */
  private track(req: http.IncomingMessage, res: http.ServerResponse): Connection | undefined {
    const c = this.connections.get(req.socket);
    if (!c) return undefined;
    c.spoke = true;
    c.busy++;
    c.lastActive = ++this.tick;
    if (c.silentTimer) clearTimeout(c.silentTimer);
    c.silentTimer = undefined;
    res.once('close', () => {
      c.busy = Math.max(0, c.busy - 1);
      c.lastActive = ++this.tick;
    });
    return c;
  }

  private respond(res: http.ServerResponse, path: string, status: number, body: object, reason?: string): void {
    this.events.onRequest?.({ path: path.replace(/[0-9a-f]{32}/, '…'), status, reason });
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
    res.end(text);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const connection = this.track(req, res);
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET') return this.respond(res, path, 405, { message: 'Only GET is supported' });
    const m = /^\/credentials\/([0-9a-f]{32})$/.exec(path);
    const header = req.headers.authorization;
    if (header === undefined || header === '') return this.respond(res, path, 401, { message: 'Missing Authorization header' }, 'missing token');
    const grant = m ? this.grants.get(m[1]) : undefined;
    // Compare digests so the comparison takes the same time whatever the token's length or content.
    const presented = digest(header);
    const expected = grant?.tokenDigest ?? digest(crypto.randomBytes(32).toString('hex'));
    if (!crypto.timingSafeEqual(presented, expected) || !grant) return this.respond(res, path, 403, { message: 'Invalid or revoked token' }, 'wrong or revoked token');
    if (connection) connection.trusted = true;
    try {
      const creds = await grant.supply();
      if (!this.grants.has(m![1])) return this.respond(res, path, 403, { message: 'Invalid or revoked token' }, 'revoked during refresh');
      const text = containerCredentialsBody(creds, this.now());
      this.events.onRequest?.({ path: '/credentials/…', status: 200 });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
      res.end(text);
    } catch (e) {
      // Whoever holds the token gets no detail; the log gets it without secrets.
      const detail = redactSecrets(e instanceof Error ? e.message : String(e));
      this.respond(res, path, 500, refreshFailedBody(), `refresh failed: ${detail}`);
    }
  }
}
