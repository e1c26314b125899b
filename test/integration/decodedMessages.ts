// Decoded authorization messages for the suites that explain or evaluate a denial: built here,
// encoded by the harness's real STS stand-in, then decoded by the extension's own command.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { issueEncodedMessage } from './world';

/** A denial of `action` on `resource` to the test account's app_role session, as sts:DecodeAuthorizationMessage returns it. */
export function appRoleDenial(accountId: string, action: string, resource: string, options: { explicitDeny?: boolean; region?: string } = {}): unknown {
  return {
    allowed: false,
    explicitDeny: options.explicitDeny ?? true,
    matchedStatements: { items: [] },
    failures: { items: [] },
    context: {
      principal: { id: 'AROAEXAMPLEAPPROLE01:s1', name: 'app_role', arn: `arn:aws:sts::${accountId}:assumed-role/app_role/s1` },
      action,
      resource,
      conditions: { items: options.region ? [{ key: 'aws:Region', values: { items: [{ value: options.region }] } }] : [] },
    },
  };
}

/** Decodes an encoded message found in text as the sts-user profile; returns the decoded entry's id. */
export async function decodeEncoded(message: string): Promise<number> {
  const r = await vscode.commands.executeCommand<{ ok: boolean; entryId?: number; error?: string }>('stsLens.decodeAuthorizationMessage', { text: `Encoded authorization failure message: ${message}`, profile: 'sts-user', quiet: true });
  assert.ok(r.ok && r.entryId, r.error);
  return r.entryId;
}

/** Has the harness encode `decoded`, then decodes it; returns the decoded entry's id. */
export async function decodedEntry(decoded: unknown): Promise<number> {
  return decodeEncoded(await issueEncodedMessage(decoded));
}
