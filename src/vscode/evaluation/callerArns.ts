import * as vscode from 'vscode';
import type { IdentityService, KnownIdentitySource } from '../context';

export interface KnownCaller {
  readonly source: KnownIdentitySource;
  readonly arn?: string;
  readonly problem?: string;
}

/**
 * Caller ARNs of the identities STS Lens knows, asked of STS once per identity for the window's
 * lifetime (GetCallerIdentity is never called per keystroke or per evaluation). Refresh forgets them.
 */
export class CallerArnCache {
  private readonly arns = new Map<string, Promise<{ arn?: string; problem?: string }>>();

  constructor(private readonly identity: IdentityService) {}

  async all(): Promise<KnownCaller[]> {
    const sources = (await this.identity.known?.()) ?? [];
    return Promise.all(sources.map(async (source) => ({ source, ...(await this.arnOf(source)) })));
  }

  private arnOf(source: KnownIdentitySource): Promise<{ arn?: string; problem?: string }> {
    if (source.arn) return Promise.resolve({ arn: source.arn });
    let p = this.arns.get(source.key);
    if (!p) {
      const ask = source.callerArn;
      p = ask
        ? ask().then((arn) => ({ arn }), (e: unknown) => ({ problem: vscode.l10n.t('GetCallerIdentity failed: {0}', e instanceof Error ? e.message : String(e)) }))
        : Promise.resolve({ problem: vscode.l10n.t('no credentials to ask STS with') });
      this.arns.set(source.key, p);
    }
    return p;
  }

  clear(): void {
    this.arns.clear();
  }
}
