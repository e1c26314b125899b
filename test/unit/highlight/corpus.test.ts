import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseTree, type Node } from 'jsonc-parser';
import { policySemanticTokens } from '../../../src/core/policy/highlight/semanticTokens';
import type { PolicyToken } from '../../../src/core/policy/highlight/tokenTypes';
import { repoRoot } from '../fixtures';
import { checkWellFormed } from './tokens';

const corpus = path.join(repoRoot(), '..', 'shared', 'corpus', 'aws-managed-policies');
const ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

function member(obj: Node, name: string): Node | undefined {
  return obj.children?.find((p) => p.children?.[0]?.value === name)?.children?.[1];
}

function strings(node: Node | undefined): Node[] {
  if (!node) return [];
  if (node.type === 'string') return [node];
  return node.type === 'array' ? (node.children ?? []).filter((c) => c.type === 'string') : [];
}

/** What the policy holds, found with jsonc-parser's tree (not the scanner the highlighter uses), and what each must be coloured. */
function expectations(root: Node): Array<{ offset: number; length: number; type: string; what: string }> {
  const out: Array<{ offset: number; length: number; type: string; what: string }> = [];
  const key = (n: Node): Node => n.parent!.children![0];
  for (const name of ['Version', 'Statement']) {
    const v = member(root, name);
    if (v) out.push({ offset: key(v).offset + 1, length: name.length, type: 'iamPolicyElement', what: name });
  }
  const statementNode = member(root, 'Statement');
  const statements = statementNode?.type === 'array' ? statementNode.children ?? [] : statementNode ? [statementNode] : [];
  for (const s of statements.filter((n) => n.type === 'object')) {
    for (const name of ELEMENTS) {
      const v = member(s, name);
      if (v) out.push({ offset: key(v).offset + 1, length: name.length, type: 'iamPolicyElement', what: name });
    }
    const effect = member(s, 'Effect');
    if (effect?.type === 'string') out.push({ offset: effect.offset + 1, length: String(effect.value).length, type: 'iamEffect', what: String(effect.value) });
    for (const a of [...strings(member(s, 'Action')), ...strings(member(s, 'NotAction'))]) {
      const value = String(a.value);
      const colon = value.indexOf(':');
      if (value === '*') out.push({ offset: a.offset + 1, length: 1, type: 'iamWildcard', what: value });
      else {
        out.push({ offset: a.offset + 1, length: colon, type: 'iamService', what: value });
        const name = value.slice(colon + 1);
        const run = /^[a-z0-9]+/i.exec(name);
        if (run) out.push({ offset: a.offset + 2 + colon, length: run[0].length, type: 'iamAction', what: value });
      }
    }
    for (const r of [...strings(member(s, 'Resource')), ...strings(member(s, 'NotResource'))]) {
      const value = String(r.value);
      if (value.startsWith('arn:')) out.push({ offset: r.offset + 1, length: 3, type: 'iamArn', what: value });
      else if (value === '*') out.push({ offset: r.offset + 1, length: 1, type: 'iamWildcard', what: value });
    }
    const principal = member(s, 'Principal');
    for (const p of principal?.type === 'object' ? strings(member(principal, 'Service')) : []) {
      out.push({ offset: p.offset + 1, length: String(p.value).length, type: 'iamServicePrincipal', what: String(p.value) });
    }
    for (const op of member(s, 'Condition')?.children ?? []) {
      const opKey = String(op.children?.[0]?.value);
      const base = opKey.replace(/^For(?:All|Any)Values?:/, '').replace(/IfExists$/, '');
      out.push({ offset: op.offset + 1 + opKey.indexOf(base), length: base.length, type: 'iamConditionOperator', what: opKey });
      for (const k of op.children?.[1]?.children ?? []) {
        const condKey = String(k.children?.[0]?.value);
        out.push({ offset: k.offset + 1, length: condKey.indexOf(':'), type: 'iamService', what: condKey });
        for (const v of strings(k.children?.[1])) {
          const value = String(v.value);
          if (/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/.test(value)) out.push({ offset: v.offset + 1, length: value.length, type: 'iamServicePrincipal', what: value });
          if (value.startsWith('arn:')) out.push({ offset: v.offset + 1, length: 3, type: 'iamArn', what: value });
        }
      }
    }
  }
  return out;
}

describe('policy highlighting on the AWS managed policies in ../shared/corpus', function () {
  this.timeout(60_000);

  it('colour every policy element, effect, action, ARN, service principal, condition operator and condition-key prefix', () => {
    const files = fs.readdirSync(corpus).filter((f) => f.endsWith('.json')).sort();
    assert.ok(files.length > 500, `expected the corpus at ${corpus}`);
    const counts = new Map<string, number>();
    for (const file of files) {
      const text = JSON.stringify((JSON.parse(fs.readFileSync(path.join(corpus, file), 'utf8')) as { document: unknown }).document, null, 2);
      const { tokens, truncated } = policySemanticTokens(text);
      assert.ok(!truncated, file);
      assert.strictEqual(checkWellFormed(text, tokens), undefined, file);
      const at = new Map<number, PolicyToken>(tokens.map((t) => [t.offset, t]));
      const root = parseTree(text);
      assert.ok(root, file);
      for (const e of expectations(root)) {
        const t = at.get(e.offset);
        assert.ok(t && t.type === e.type && t.length === e.length, `${file}: ${e.what} should have a ${e.type} token "${text.slice(e.offset, e.offset + e.length)}", has ${t ? `${t.type} "${text.slice(t.offset, t.offset + t.length)}"` : 'none'}`);
        counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
      }
    }
    for (const type of ['iamPolicyElement', 'iamEffect', 'iamService', 'iamAction', 'iamWildcard', 'iamArn', 'iamServicePrincipal', 'iamConditionOperator']) {
      assert.ok((counts.get(type) ?? 0) > 20, `only ${counts.get(type) ?? 0} ${type} checked`);
    }
  });
});
