import type { ActionInfo, IamCatalog } from './catalog';
import type { ParsedPolicy, ParsedStatement, ParsedValue } from './parse';
import type { Reporter } from './report';
import type { PolicyType } from './types';

/** One string of Action/NotAction, resolved against the catalog. */
export interface ResolvedAction extends ParsedValue {
  value: string;
  /** Lowercased service prefix, '' for "*" and for strings without a colon. */
  service: string;
  name: string;
  /** The whole string, lowercased. */
  lower: string;
  /** The escalation paths' actions the string covers, by index (see coveredBy). */
  readonly covers?: readonly number[];
  /** The action an exact name resolves to (in any case), when its service's data is loaded. */
  readonly action?: ActionInfo;
  /** Matches among loaded data; undefined when the service's data was not loaded (unknown). */
  matches: ActionInfo[] | undefined;
  /** Whether `matches` is known, without expanding a wildcard to find out (undefined: read `matches`). */
  readonly known?: boolean;
  /** Set when the string is not a usable action (bad format, unknown service or action). */
  invalid?: boolean;
}

export interface StatementContext {
  st: ParsedStatement;
  actions: ResolvedAction[];
  /** Whether some Action string is written twice, as resolving them found; undefined when unknown. */
  actionsRepeat?: boolean;
  /** Whether some Action string covers an escalation path's action (see coveredBy), as resolving them found. */
  coversPathAction?: boolean;
  notActions: ResolvedAction[];
  effect: 'Allow' | 'Deny' | undefined;
}

export interface LintContext {
  policy: ParsedPolicy;
  type: PolicyType;
  catalog: IamCatalog;
  r: Reporter;
  statements: StatementContext[];
  /** The account that owns the policy, when known: principals from other accounts are cross-account. */
  accountId?: string;
  /** Every account of the policy's owner, when a project names several. */
  accountIds?: readonly string[];
}
