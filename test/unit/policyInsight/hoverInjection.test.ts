import * as assert from 'assert';
import { explainDecodedMessage } from '../../../src/core/authz/explain';
import { renderExplanationMarkdown } from '../../../src/core/authz/render';
import { mdCode, mdText } from '../../../src/core/markdown';
import { hoverAt } from '../../../src/core/policy/insight';
import { renderMarkdown } from '../renderedMarkdown';
import { catalogFor, offsetOf } from './helpers';

const HOSTILE = [
  's3:[Get](https://example.com/phish)',
  's3:![x](https://example.com/track.png)',
  's3:Get https://example.com/track and www.example.com',
  's3:<img src="https://example.com/x.png">',
  's3:Get`\n\n[x](command:workbench.action.terminal.sendSequence)`',
  's3:``[x](https://example.com)``',
];

describe('hovers show policy text as itself: no value can add a link, an image or HTML', () => {
  it('mdText and mdCode keep every hostile value as literal text', () => {
    for (const v of HOSTILE) {
      for (const md of [mdText(v), mdCode(v)]) {
        const r = renderMarkdown(md);
        assert.strictEqual(r.links, 0, md);
        assert.ok(r.text.includes(v.replace(/\s+/g, ' ').replace(/`\n\n/g, '` ')), `${md} -> ${r.text}`);
      }
    }
  });

  it('action, condition key, principal and ARN hovers render hostile values without links', () => {
    for (const v of HOSTILE) {
      const cases: [string, string][] = [
        [JSON.stringify({ Statement: [{ Effect: 'Allow', Action: v, Resource: '*' }] }), 's3:'],
        [JSON.stringify({ Statement: [{ Effect: 'Allow', Action: v.replace(/^s3:/, 'nosuchsvc:'), Resource: '*' }] }), 'nosuchsvc:'],
        [JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { [v.replace(/^s3:/, 'aws:')]: 'x' } } }] }), 'aws:'],
        [JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::111122223333:role/${v}` }, Action: 'sts:AssumeRole' }] }), 'arn:aws:iam'],
        [JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Federated: v }, Action: 'sts:AssumeRoleWithWebIdentity' }] }), v.slice(0, 4)],
        [JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${v}` }] }), 'arn:aws:s3'],
      ];
      for (const [text, needle] of cases) {
        const h = hoverAt(text, offsetOf(text, needle, 1), catalogFor(text));
        if (!h) continue;
        assert.strictEqual(renderMarkdown(h.markdown).links, 0, `${text}\n${h.markdown}`);
      }
    }
  });

  it('a decoded message with hostile values renders no link in the hover whose links run commands', () => {
    const evil = '`\n\n[Run](command:stsLens.evaluateAccount?%5B%5D) ![t](https://example.com/t.png)';
    const msg = {
      allowed: false, explicitDeny: false, matchedStatements: { items: [] }, failures: { items: [] },
      context: {
        principal: { id: 'AROAEXAMPLE:x', arn: `arn:aws:sts::111122223333:assumed-role/r/${evil}` },
        action: 's3:GetObject', resource: `arn:aws:s3:::bucket/${evil}`,
        conditions: { items: [{ key: `aws:PrincipalTag/${evil}`, values: { items: [{ value: evil }] } }] },
      },
    };
    const r = explainDecodedMessage(JSON.stringify(msg));
    assert.ok(r.ok, r.ok ? '' : r.error);
    const md = renderExplanationMarkdown(r.explanation);
    assert.strictEqual(renderMarkdown(md).links, 0, md);
  });
});
