// Time from an edit to diagnostics ready to publish, for the largest corpus policy, through the
// editor's pure pipeline: find policy regions, load IAM data (async), lint, map findings to
// line/column ranges, and build the CodeLens summaries. The real VS Code figure is printed by the
// integration test "publishes diagnostics for the largest corpus policy after an edit".
// Run: node out/bench/policyEditor.js [CORPUS_DIR]
import * as fs from 'fs';
import * as path from 'path';
import { LineIndex } from '../src/core/policy/parse';
import { lintPolicy, servicesReferenced } from '../src/core/policy';
import { findPolicyRegions, summarizeStatements } from '../src/core/policy/insight';
import { createIamCatalog } from '../src/node/iamData';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function corpusDir(): string {
  const arg = process.argv[2];
  if (arg) return path.resolve(arg);
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '..', 'shared', 'corpus', 'aws-managed-policies');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('Corpus not found: pass the folder of AWS managed policies as the first argument.');
}

export async function benchPolicyEditor(): Promise<void> {
  const dir = corpusDir();
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f));
  const largest = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  const base = JSON.stringify((JSON.parse(fs.readFileSync(largest, 'utf8')) as { document: unknown }).document, null, 2);

  const t0 = performance.now();
  const handle = createIamCatalog();
  const pipeline = async (text: string): Promise<number> => {
    const regions = findPolicyRegions(text, 'json');
    let ranges = 0;
    for (const region of regions) {
      await handle.ensureServices(servicesReferenced(region.text));
      const { findings } = lintPolicy(region.text, { policyType: 'auto', catalog: handle.catalog });
      const lines = new LineIndex(text);
      for (const f of findings) {
        const span = f.locations[0]?.span;
        if (span) {
          lines.position(region.toHostOffset(span.start.offset));
          lines.position(region.toHostOffset(span.end.offset));
          ranges++;
        }
      }
      summarizeStatements(region.text, handle.catalog);
    }
    return ranges;
  };
  const findings = await pipeline(base);
  const cold = performance.now() - t0;

  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    // Each run is a new edit: one action renamed, as a keystroke would.
    const edited = base.replace('"Action": [\n', `"Action": [\n        "s3:GetObject${i % 10}",\n`);
    const started = performance.now();
    await pipeline(edited);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `[bench] policy editor pipeline (regions + ensureServices + lint + ranges + CodeLens summaries), ${path.basename(largest)} ` +
      `(${(base.length / 1024).toFixed(1)} KB, ${findings} findings): cold ${cold.toFixed(1)} ms; warm per edit median ${percentile(times, 50).toFixed(2)} ms, ` +
      `p99 ${percentile(times, 99).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms over ${times.length} edits`,
  );
}

if (require.main === module) {
  benchPolicyEditor().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
