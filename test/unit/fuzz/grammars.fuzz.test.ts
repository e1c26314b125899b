import * as assert from 'assert';
import fc from 'fast-check';
import { INITIAL, type IGrammar, type StateStack } from 'vscode-textmate';
import { grammarLine, HOSTILE_LINES } from '../grammars/hostileLines';
import { loadGrammar } from '../grammars/textmate';
import { fuzzParameters, fuzzTimeout } from './settings';

/** Far above what any line takes (the bench measures that); a tokenizer that backtracks exponentially still hits it. */
const TIME_LIMIT_MS = 20_000;

describe('fuzz: TextMate grammar lines', function () {
  this.timeout(fuzzTimeout());
  const grammars = new Map<string, IGrammar>();

  before(async () => {
    for (const scope of new Set(HOSTILE_LINES.map((c) => c.scope))) grammars.set(scope, await loadGrammar(scope));
  });

  function stateAfter(grammar: IGrammar, context: string): StateStack {
    let state = INITIAL;
    if (context) for (const line of context.split('\n')) state = grammar.tokenizeLine(line, state).ruleStack;
    return state;
  }

  it('every grammar tokenizes a hostile line to its end, in tokens that cover it, and goes on with the next line', () => {
    fc.assert(
      fc.property(grammarLine, ({ scope, context, line }) => {
        const grammar = grammars.get(scope);
        assert.ok(grammar, scope);
        const r = grammar.tokenizeLine(line, stateAfter(grammar, context), TIME_LIMIT_MS);
        assert.strictEqual(r.stoppedEarly, false, `${scope} stopped early on a line of ${line.length} characters`);
        let end = 0;
        for (const t of r.tokens) {
          assert.strictEqual(t.startIndex, end, `${scope}: a gap or overlap at ${end}`);
          assert.ok(t.endIndex > t.startIndex, `${scope}: an empty token at ${end}`);
          end = t.endIndex;
        }
        assert.ok(end >= line.length, `${scope}: tokens end at ${end} of ${line.length}`);
        const next = grammar.tokenizeLine('"next": "line"', r.ruleStack, TIME_LIMIT_MS);
        assert.strictEqual(next.stoppedEarly, false);
      }),
      fuzzParameters(120),
    );
  });
});
