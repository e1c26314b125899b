import * as vscode from 'vscode';
import type { AuthorizationExplanation } from '../../core/authz/explain';

export interface PolicyMention {
  readonly uri: vscode.Uri;
  readonly line: number;
  readonly column: number;
  /** What matched: the action, a wildcard covering it, or a Sid. */
  readonly kind: 'action' | 'wildcard' | 'sid';
  readonly term: string;
  readonly preview: string;
}

// Where policies live: JSON/YAML documents, CloudFormation and CDK, Terraform and Pulumi, SAM, Serverless.
const INCLUDE = '**/*.{json,jsonc,yaml,yml,template,tf,tf.json,hcl,ts,js,py,go,java,cs}';
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.terraform/**,**/cdk.out/**,**/dist/**,**/out/**,**/build/**}';
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface SearchTerm {
  readonly kind: PolicyMention['kind'];
  readonly term: string;
  /** Column of the first match in the line, or -1. */
  find(line: string): number;
}

function wildcardToRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escape(c))).join('')}$`, 'i');
}

/** The denied action itself, the wildcards that cover it ("ec2:*", "ec2:Run*", "*"), and the matched Sids. */
export function searchTerms(ex: AuthorizationExplanation): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const action = ex.action;
  if (action) {
    const exact = action.service ? new RegExp(`["'\`]${escape(action.service)}:${escape(action.name)}["'\`]`, 'i') : new RegExp(`["'\`][a-z0-9-]+:${escape(action.name)}["'\`]`, 'i');
    terms.push({ kind: 'action', term: action.full, find: (line) => exact.exec(line)?.index ?? -1 });
    if (action.service) {
      const full = action.full;
      terms.push({
        kind: 'wildcard',
        term: `${action.service}:*`,
        find: (line) => {
          for (const m of line.matchAll(/["'`]([a-z0-9*?-]+:[\dA-Z]*[*?][\d*?A-Z]*)["'`]/gi)) {
            if (wildcardToRegex(m[1]).test(full)) return m.index ?? 0;
          }
          return -1;
        },
      });
    }
  }
  for (const st of ex.matchedStatements) {
    if (!st.sid) continue;
    const re = new RegExp(`\\bsid["']?\\s*[:=]\\s*["']?${escape(st.sid)}(?![A-Za-z0-9])`, 'i');
    terms.push({ kind: 'sid', term: st.sid, find: (line) => re.exec(line)?.index ?? -1 });
  }
  return terms;
}

/** Files in the workspace that mention the denied action, a wildcard covering it, or a matched Sid. */
export async function findPolicyMentions(ex: AuthorizationExplanation, token?: vscode.CancellationToken): Promise<PolicyMention[]> {
  const terms = searchTerms(ex);
  if (terms.length === 0) return [];
  const files = await vscode.workspace.findFiles(INCLUDE, EXCLUDE, MAX_FILES, token);
  const out: PolicyMention[] = [];
  const decoder = new TextDecoder();
  for (const uri of files) {
    if (token?.isCancellationRequested) break;
    let bytes: Uint8Array;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      // Only regular files: a link to a device (/dev/zero) has no size and never ends.
      if (!(stat.type & vscode.FileType.File) || stat.size > MAX_FILE_BYTES) continue;
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      continue;
    }
    const text = decoder.decode(bytes);
    const lines = text.split(/\r?\n/);
    lines.forEach((lineText, line) => {
      for (const t of terms) {
        const column = t.find(lineText);
        if (column >= 0) out.push({ uri, line, column, kind: t.kind, term: t.term, preview: lineText.trim().slice(0, 200) });
      }
    });
  }
  const rank = { sid: 0, action: 1, wildcard: 2 } as const;
  return out.sort((a, b) => rank[a.kind] - rank[b.kind] || a.uri.fsPath.localeCompare(b.uri.fsPath) || a.line - b.line);
}
