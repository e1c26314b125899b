/**
 * Listening on 127.0.0.1 on the first free port of a known range. Remote setups (code-server,
 * Codespaces, Remote-SSH) auto-forward ports they see opened; a known range is what the
 * `remote.portsAttributes` default in package.json can tell them to leave alone.
 */
import type { Server } from 'http';
import type { AddressInfo } from 'net';

/** Ports the terminal credential server tries first; package.json marks them `onAutoForward: ignore`. */
export const CREDENTIAL_PORTS = { first: 41730, last: 41739 } as const;

export function portRange(r: { first: number; last: number }): number[] {
  return Array.from({ length: r.last - r.first + 1 }, (_, i) => r.first + i);
}

/** Listens on the first free port of `ports`, then on any free port; resolves the port. */
export function listenLoopback(server: Server, ports: readonly number[]): Promise<number> {
  const candidates = [...ports, 0];
  return new Promise((resolve, reject) => {
    const attempt = (i: number) => {
      const onError = (e: NodeJS.ErrnoException) => {
        if ((e.code === 'EADDRINUSE' || e.code === 'EACCES') && i + 1 < candidates.length) attempt(i + 1);
        else reject(e);
      };
      server.once('error', onError);
      server.listen(candidates[i], '127.0.0.1', () => {
        server.removeListener('error', onError);
        resolve((server.address() as AddressInfo).port);
      });
    };
    attempt(0);
  });
}
