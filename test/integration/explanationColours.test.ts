// The explanation view colours its verdict (DENIED, ALLOWED) and its footer by their shape, so that a
// translated explanation is coloured as the English one. The explanation is rendered in the extension host
// with a small German bundle; the web workbench has no command that returns its tokens, so the text is
// tokenized with the grammar package.json contributes for the view's language, through vscode-textmate
// and the Oniguruma build VS Code ships (test/unit/grammars/textmate.ts).
import * as assert from 'assert';
import { explainDecodedMessage } from '../../src/core/authz/explain';
import { renderExplanationText } from '../../src/core/authz/render';
import { useDisplayLanguageForCoreWords } from '../../src/vscode/coreWords';
import { loadGrammar, tokenize } from '../unit/grammars/textmate';
import { bundleKey } from '../unit/l10n/bundleKeys';

const deny = (explicit: boolean) => ({
  allowed: false,
  explicitDeny: explicit,
  matchedStatements: { items: explicit ? [{ statementId: 'Guard', effect: 'DENY', actions: { items: [{ value: 'ec2:*' }] }, resources: { items: [{ value: '*' }] } }] : [] },
  failures: { items: [] },
  context: { principal: { arn: 'arn:aws:sts::111122223333:assumed-role/Dev/ana' }, action: 'ec2:RunInstances', resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*', conditions: { items: [] } },
});
const allowed = { ...deny(false), allowed: true };

const GERMAN = {
  'Authorization failure: {0}': 'Autorisierungsfehler: {0}',
  [bundleKey('DENIED {0} on {1} — explicit deny by {2}')]: 'VERWEIGERT {0} auf {1} — ausdrückliche Verweigerung durch {2}',
  [bundleKey('ALLOWED {0} on {1}')]: 'ERLAUBT {0} auf {1}',
  'statement {0}': 'Anweisung {0}',
};

/** The explanation of `decoded` as the view shows it, with a footer as the view adds it. */
function explanationText(decoded: unknown, footer: string): string {
  const r = explainDecodedMessage(JSON.stringify(decoded));
  assert.ok(r.ok, r.ok ? '' : r.error);
  return `${renderExplanationText(r.explanation).text}\n${footer}\n`;
}

interface Token {
  readonly text: string;
  readonly scopes: string;
}

async function tokensOf(text: string): Promise<Token[]> {
  const grammar = await loadGrammar('text.sts-lens-authz');
  return tokenize(grammar, text).flatMap((line) => line.tokens.map((t) => ({ text: t.text, scopes: t.scopes.join(' ') })));
}

function scopesOf(tokens: readonly Token[], text: string): string {
  const token = tokens.find((t) => t.text === text);
  assert.ok(token, `no token ${JSON.stringify(text)} among ${tokens.map((t) => JSON.stringify(t.text)).join(' ')}`);
  return token.scopes;
}

describe('colours of the explanation view in the display language', function () {
  this.timeout(30_000);
  afterEach(() => useDisplayLanguageForCoreWords());

  it('colours a translated verdict and footer as the English ones', async () => {
    useDisplayLanguageForCoreWords(GERMAN);
    const denied = await tokensOf(explanationText(deny(true), 'Entschlüsselt als dev um 2026-11-22T03:00:00.000Z; nur im Speicher.'));
    assert.match(scopesOf(denied, 'VERWEIGERT'), /\binvalid\.illegal\.denied\.sts-lens-authz\b/);
    assert.match(scopesOf(denied, 'Entschlüsselt als dev um 2026-11-22T03:00:00.000Z; nur im Speicher.'), /\bcomment\.line\.footer\.sts-lens-authz\b/);
    const ok = await tokensOf(explanationText(allowed, 'Entschlüsselt als dev.'));
    assert.match(scopesOf(ok, 'ERLAUBT'), /\bmarkup\.inserted\.allowed\.sts-lens-authz\b/);
    assert.doesNotMatch(scopesOf(ok, 'ERLAUBT'), /denied/);
  });

  it('colours the English verdict and footer as before', async () => {
    useDisplayLanguageForCoreWords();
    const denied = await tokensOf(explanationText(deny(true), 'Decoded as dev at 2026-11-22T03:00:00.000Z; kept in memory only.'));
    assert.match(scopesOf(denied, 'DENIED'), /\binvalid\.illegal\.denied\.sts-lens-authz\b/);
    assert.match(scopesOf(denied, 'Decoded as dev at 2026-11-22T03:00:00.000Z; kept in memory only.'), /\bcomment\.line\.footer\.sts-lens-authz\b/);
    const ok = await tokensOf(explanationText(allowed, 'Decoded as dev.'));
    assert.match(scopesOf(ok, 'ALLOWED'), /\bmarkup\.inserted\.allowed\.sts-lens-authz\b/);
  });
});
