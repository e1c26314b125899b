// CPU time per line of the TextMate grammars on hostile lines (test/unit/grammars/hostileLines.ts),
// tokenized by vscode-textmate over vscode-oniguruma as VS Code does, in the state the lines
// before them leave. Each class is measured at 5,000, 10,000, 20,000 and 40,000 characters and
// the growth per doubling is printed: about 2× is linear, about 4× quadratic. The goal is at most
// 50 ms for a 20,000-character line; slower lines and growth above 3× are flagged.
//   npm run bench grammars
//   GRAMMARS_DIR=/tmp/old-syntaxes npm run bench grammars   measure another version of syntaxes/
//   GRAMMARS_FILTER=aws-config npm run bench grammars       classes whose name contains the text
import type { IGrammar, StateStack } from 'vscode-textmate';
import { INITIAL } from 'vscode-textmate';
import { HOSTILE_LINES } from '../test/unit/grammars/hostileLines';
import { loadGrammar } from '../test/unit/grammars/textmate';

const SIZES = [5_000, 10_000, 20_000, 40_000];
const GOAL_MS = 50;
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

/** CPU milliseconds to tokenize `line`: the best of up to five runs, fewer when a run is slow. */
function lineMs(grammar: IGrammar, state: StateStack, line: string): number {
  let best = Infinity;
  let spent = 0;
  for (let run = 0; run < 5 && spent < 300; run++) {
    const t0 = cpuMs();
    grammar.tokenizeLine2(line, state);
    const ms = cpuMs() - t0;
    best = Math.min(best, ms);
    spent += ms;
  }
  return best;
}

async function main(): Promise<void> {
  const syntaxesDir = process.env.GRAMMARS_DIR;
  const filter = process.env.GRAMMARS_FILTER;
  const grammars = new Map<string, IGrammar>();
  console.log(`CPU time per hostile line (ms, best of up to 5 runs) of the grammars in ${syntaxesDir ?? 'syntaxes/'}; growth per doubling; goal ≤ ${GOAL_MS} ms at 20,000 characters`);
  console.log(`${'class'.padEnd(46)}${SIZES.map((s) => `${s / 1000}k`.padStart(9)).join('')}   growth`);
  let slow = 0;
  for (const c of HOSTILE_LINES.filter((h) => !filter || h.name.includes(filter))) {
    let grammar = grammars.get(c.scope);
    if (!grammar) grammars.set(c.scope, (grammar = await loadGrammar(c.scope, { syntaxesDir })));
    const state = stateAfter(grammar, c.context);
    const times: number[] = [];
    for (const size of SIZES) {
      if (times.length && times[times.length - 1] > GIVE_UP_MS) break;
      times.push(lineMs(grammar, state, c.line(size)));
    }
    const growth = times.slice(1).map((t, i) => t / Math.max(times[i], 0.05));
    const at20k = times[2];
    const flags = [at20k === undefined || at20k > GOAL_MS ? `OVER ${GOAL_MS} ms` : '', growth.some((g, i) => g > 3 && times[i + 1] > 5) ? 'SUPERLINEAR' : ''].filter(Boolean);
    if (flags.length) slow++;
    const cells = SIZES.map((_, i) => (times[i] === undefined ? 'skipped' : times[i].toFixed(1)).padStart(9)).join('');
    console.log(`${c.name.padEnd(46)}${cells}   ${growth.map((g) => `${g.toFixed(1)}×`).join(' ')}${flags.length ? `   ${flags.join(', ')}` : ''}`);
  }
  console.log(slow ? `${slow} classes over the goal or superlinear` : `every class within ${GOAL_MS} ms at 20,000 characters and linear`);
}

if (require.main === module) void main();
