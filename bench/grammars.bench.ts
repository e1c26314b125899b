// CPU time per line of the TextMate grammars on hostile lines (test/unit/grammars/hostileLines.ts),
// tokenized by vscode-textmate over vscode-oniguruma as VS Code does, in the state the lines
// before them leave. Each class is measured at 5,000, 10,000, 20,000 and 40,000 characters and
// the growth per doubling is printed: about 2× is linear, about 4× quadratic. The goal is at most
// 50 ms for a 20,000-character line; slower lines and growth above 3× are flagged. JSON lines are
// tokenized by VS Code's JSON grammar alone (STS Lens injects nothing into JSON); a second table
// measures what highlights policies instead: the semantic tokens of the document that ends in the
// line (src/core/policy/highlight), computed whole, and for a range request of the hostile line alone.
//   npm run bench grammars
//   GRAMMARS_DIR=/tmp/old-syntaxes npm run bench grammars   measure another version of syntaxes/
//   GRAMMARS_FILTER=aws-config npm run bench grammars       classes whose name contains the text
import type { IGrammar, StateStack } from 'vscode-textmate';
import { INITIAL } from 'vscode-textmate';
import { policySemanticTokens } from '../src/core/policy/highlight/semanticTokens';
import { HOSTILE_LINES, type HostileLineClass } from '../test/unit/grammars/hostileLines';
import { loadGrammar } from '../test/unit/grammars/textmate';

const SIZES = [5_000, 10_000, 20_000, 40_000];
const GOAL_MS = 50;
const NAME_WIDTH = 58;
/** A line slower than this is not measured at the next size (an old, backtracking grammar can take minutes). */
const GIVE_UP_MS = 5_000;

function stateAfter(grammar: IGrammar, context: string): StateStack {
  let state = INITIAL;
  if (context) for (const line of context.split('\n')) state = grammar.tokenizeLine2(line, state).ruleStack;
  return state;
}

/** CPU milliseconds of this process so far (user and system): unlike wall time, not inflated by other processes on a busy machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU milliseconds of `run`: the best of up to five runs, fewer when a run is slow. */
function bestMs(run: () => void): number {
  let best = Infinity;
  let spent = 0;
  for (let i = 0; i < 5 && spent < 300; i++) {
    const t0 = cpuMs();
    run();
    const ms = cpuMs() - t0;
    best = Math.min(best, ms);
    spent += ms;
  }
  return best;
}

function row(name: string, times: readonly (number | undefined)[]): boolean {
  const done = times.filter((t): t is number => t !== undefined);
  const growth = done.slice(1).map((t, i) => t / Math.max(done[i], 0.05));
  const at20k = times[2];
  const flags = [at20k === undefined || at20k > GOAL_MS ? `OVER ${GOAL_MS} ms` : '', growth.some((g, i) => g > 3 && done[i + 1] > 5) ? 'SUPERLINEAR' : ''].filter(Boolean);
  const cells = SIZES.map((_, i) => (times[i]?.toFixed(1) ?? 'skipped').padStart(9)).join('');
  console.log(`${name.padEnd(NAME_WIDTH)}${cells}   ${growth.map((g) => `${g.toFixed(1)}×`).join(' ')}${flags.length ? `   ${flags.join(', ')}` : ''}`);
  return flags.length > 0;
}

/** The semantic tokens of each JSON class's document (its context, then the hostile line), whole and as a range request of the line. */
function semanticTable(classes: readonly HostileLineClass[]): number {
  console.log(`\nCPU time of the policy semantic tokens (ms, best of up to 5 runs) of the document that ends in each JSON hostile line; goal ≤ ${GOAL_MS} ms at 20,000 characters`);
  console.log(`${'class'.padEnd(NAME_WIDTH)}${SIZES.map((s) => `${s / 1000}k`.padStart(9)).join('')}   growth`);
  let slow = 0;
  for (const c of classes.filter((h) => h.scope === 'source.json')) {
    const docs = SIZES.map((size) => `${c.context}\n${c.line(size)}`);
    if (row(`${c.name} (document)`, docs.map((text) => bestMs(() => policySemanticTokens(text))))) slow++;
    if (row(`${c.name} (range: the line)`, docs.map((text) => bestMs(() => policySemanticTokens(text, { start: c.context.length + 1 }))))) slow++;
  }
  return slow;
}

async function main(): Promise<void> {
  const syntaxesDir = process.env.GRAMMARS_DIR;
  const filter = process.env.GRAMMARS_FILTER;
  const grammars = new Map<string, IGrammar>();
  console.log(`CPU time per hostile line (ms, best of up to 5 runs) of the grammars in ${syntaxesDir ?? 'syntaxes/'}; growth per doubling; goal ≤ ${GOAL_MS} ms at 20,000 characters`);
  console.log(`${'class'.padEnd(NAME_WIDTH)}${SIZES.map((s) => `${s / 1000}k`.padStart(9)).join('')}   growth`);
  let slow = 0;
  let slowJson = 0;
  for (const c of HOSTILE_LINES.filter((h) => !filter || h.name.includes(filter))) {
    let grammar = grammars.get(c.scope);
    if (!grammar) grammars.set(c.scope, (grammar = await loadGrammar(c.scope, { syntaxesDir })));
    const state = stateAfter(grammar, c.context);
    const times: number[] = [];
    for (const size of SIZES) {
      if (times.length && times[times.length - 1] > GIVE_UP_MS) break;
      const line = c.line(size);
      times.push(bestMs(() => grammar.tokenizeLine2(line, state)));
    }
    if (row(c.name, times)) {
      if (c.scope === 'source.json') slowJson++;
      else slow++;
    }
  }
  console.log(slow ? `${slow} classes of STS Lens's grammars over the goal or superlinear` : `every class of STS Lens's grammars within ${GOAL_MS} ms at 20,000 characters and linear`);
  if (slowJson) console.log(`${slowJson} JSON classes over the goal or superlinear in VS Code's own JSON grammar (STS Lens adds no pattern to it)`);
  const slowSemantic = semanticTable(HOSTILE_LINES.filter((h) => !filter || h.name.includes(filter)));
  console.log(slowSemantic ? `${slowSemantic} semantic-token rows over the goal or superlinear` : `every semantic-token row within ${GOAL_MS} ms at 20,000 characters and linear`);
}

if (require.main === module) void main();
