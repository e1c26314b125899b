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

interface Scanner {
  readonly name: string;
  readonly inputs: fc.Arbitrary<string>;
  readonly run: (text: string) => unknown;
}

function main(): void {
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
    times.sort((a, b) => b.ms - a.ms);
    const total = times.reduce((n, t) => n + t.ms, 0);
    const p99 = times[Math.floor(times.length / 100)];
    const worst = times[0];
    console.log(`${s.name.padEnd(40)} mean ${(total / times.length).toFixed(2).padStart(7)} ms  p99 ${p99.ms.toFixed(2).padStart(7)} ms  max ${worst.ms.toFixed(2).padStart(8)} ms on ${worst.text.length} chars: ${JSON.stringify(worst.text.slice(0, 50))}`);
  }
}

if (require.main === module) main();
