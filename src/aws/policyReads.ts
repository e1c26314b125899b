/** Shared plumbing of the gateways that read policies: client options, denial detection, failure records. */
import * as l10n from '@vscode/l10n';
import { unreadPart, type UnreadPart } from '../core/debugging/accountPolicySet';
import { redactSecrets } from '../core/sessions/errors';
import { clientOptions, type CredentialSource, type StsTarget } from './sts';

export interface ReadTarget {
  readonly target: StsTarget;
  readonly credentials: CredentialSource;
}

/** Options for a client of a regional service; global services (IAM, Organizations) pass us-east-1. */
export function readClientOptions(t: ReadTarget, region?: string) {
  return { ...clientOptions({ ...t.target, region: region || t.target.region }), credentials: t.credentials };
}

const DENIED_NAMES = new Set(['AccessDenied', 'AccessDeniedException', 'AuthorizationError', 'AuthorizationErrorException', 'UnauthorizedOperation', 'AccessDeniedFault']);

export function isAccessDenied(e: unknown): boolean {
  const err = (e ?? {}) as { name?: unknown; Code?: unknown; $metadata?: { httpStatusCode?: number } };
  return DENIED_NAMES.has(String(err.name)) || DENIED_NAMES.has(String(err.Code)) || err.$metadata?.httpStatusCode === 403;
}

export function errorName(e: unknown): string {
  const err = (e ?? {}) as { name?: unknown; Code?: unknown };
  return typeof err.name === 'string' ? err.name : typeof err.Code === 'string' ? err.Code : '';
}

/** The failure of `action` as a part not evaluated; the message is redacted and short. */
export function failedRead(e: unknown, action: string, part: string): UnreadPart {
  if (isAccessDenied(e)) return unreadPart(action, part, true);
  const message = redactSecrets(e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 160);
  return unreadPart(action, part, false, errorName(e) ? `${errorName(e)}: ${message}` : l10n.t('error: {0}', message));
}

/** Runs `read`; a failure becomes an entry in `unread` and the result undefined. */
export async function attempt<T>(unread: UnreadPart[], action: string, part: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    unread.push(failedRead(e, action, part));
    return undefined;
  }
}

/** Follows a marker-paginated listing to its end (bounded, so a misbehaving endpoint cannot loop). */
export async function allPages<T>(page: (marker: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  for (let i = 0; i < 100; i++) {
    const r = await page(marker);
    out.push(...r.items);
    if (!r.next) break;
    marker = r.next;
  }
  return out;
}
