// Time per input on the fuzz suite's generated hostile inputs: each scanner runs once on every
// input of a fixed-seed sample, and the slowest inputs are printed (time, size, start of the text),
// so an input class that is slow shows up here rather than as a timed assertion in a test.
// FUZZ_SEED and FUZZ_RUNS change the sample (default seed 20261128, 400 inputs per generator).
import fc from 'fast-check';
import { findEncodedMessages, messagesInSelection } from '../src/core/authz/detect';
import { lintPolicy } from '../src/core/policy';
import { findPolicyRegions } from '../src/core/policy/insight';
import { lintAwsConfig } from '../src/core/profiles/configLint';
import { createIamCatalog } from '../src/node/iamData';
import { authzText, configFile, policyText, seedPolicies } from '../test/unit/fuzz/generators';
import { grammarLine } from '../test/unit/grammars/hostileLines';
import { loadGrammar } from '../test/unit/grammars/textmate';
import { INITIAL, type IGrammar } from 'vscode-textmate';

interface Scanner {
  readonly name: string;
  readonly inputs: fc.Arbitrary<string>;
  readonly run: (text: string) => unknown;
}

function report(name: string, times: Array<{ ms: number; text: string }>): void {
  times.sort((a, b) => b.ms - a.ms);
  const total = times.reduce((n, t) => n + t.ms, 0);
  const p99 = times[Math.floor(times.length / 100)];
  const worst = times[0];
  console.log(`${name.padEnd(40)} mean ${(total / times.length).toFixed(2).padStart(7)} ms  p99 ${p99.ms.toFixed(2).padStart(7)} ms  max ${worst.ms.toFixed(2).padStart(8)} ms on ${worst.text.length} chars: ${JSON.stringify(worst.text.slice(0, 50))}`);
}

/** Time to tokenize each generated hostile grammar line (after its context lines) with the grammar it targets. */
async function grammarLines(seed: number, runs: number): Promise<void> {
  const grammars = new Map<string, IGrammar>();
  const times: Array<{ ms: number; text: string }> = [];
  for (const { scope, context, line } of fc.sample(grammarLine, { seed, numRuns: runs })) {
    let grammar = grammars.get(scope);
    if (!grammar) grammars.set(scope, (grammar = await loadGrammar(scope)));
    let state = INITIAL;
    for (const l of context.split('\n')) state = grammar.tokenizeLine2(l, state).ruleStack;
    const t0 = performance.now();
    grammar.tokenizeLine2(line, state);
    times.push({ ms: performance.now() - t0, text: line });
  }
  report('grammar lines (TextMate tokenize)', times);
}

async function main(): Promise<void> {
  const seed = Number(process.env.FUZZ_SEED ?? 20261128);
  const runs = Number(process.env.FUZZ_RUNS ?? 400);
  const handle = createIamCatalog();
  handle.ensureServicesSync(['*']);
  const lint = (text: string) => lintPolicy(text, { policyType: 'auto', catalog: handle.catalog });
  const policies = policyText(seedPolicies());
  const scanners: Scanner[] = [
    { name: 'policy lint', inputs: policies, run: lint },
    { name: 'policy recognition (JSON)', inputs: policies, run: (t) => findPolicyRegions(t, 'json') },
    { name: 'policy recognition (Terraform heredoc)', inputs: policies.map((p) => `policy = <<EOF\n${p}\nEOF\nx = jsonencode(${p})\n`), run: (t) => findPolicyRegions(t, 'terraform') },
    { name: 'config lint', inputs: configFile, run: (t) => lintAwsConfig(t, 'config') },
    { name: 'authz detection', inputs: authzText, run: findEncodedMessages },
    { name: 'authz selection', inputs: authzText, run: messagesInSelection },
  ];
  console.log(`time per generated input: seed ${seed}, ${runs} inputs per scanner`);
  for (const s of scanners) {
    const times = fc.sample(s.inputs, { seed, numRuns: runs }).map((text) => {
      const t0 = performance.now();
      s.run(text);
      return { ms: performance.now() - t0, text };
    });
    report(s.name, times);
  }
  await grammarLines(seed, runs);
}

if (require.main === module) void main();
