// Mocha entry inside the VS Code extension host: the workbench requires this file and calls run().
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.STS_LENS_TEST_TIMEOUT_MS) || 60000,
    grep: process.env.STS_LENS_TEST_GREP || undefined,
  });
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The harness counts results from this file; the exit code alone cannot tell 0 tests from a pass.
      const resultsFile = process.env.STS_LENS_TEST_RESULTS;
      if (resultsFile) {
        const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
        fs.writeFileSync(resultsFile, JSON.stringify({ passes, failures: failed, pending }));
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
      else resolve();
    });
  });
}
