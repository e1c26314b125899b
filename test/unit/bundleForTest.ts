// Builds code in memory as esbuild.js builds the shipped bundles (CommonJS for Node, packages' ES
// module builds preferred), with or without one of the build's plugins, for tests of those plugins.
import * as esbuild from 'esbuild';
import { repoRoot } from './fixtures';

/** What to bundle: a module's text (imports resolved from the repository), or an entry file. */
export type BundleInput = { source: string } | Pick<esbuild.BuildOptions, 'entryPoints' | 'outfile' | 'external'>;

/** The bundle's code. */
export async function bundleForTest(input: BundleInput, plugins: esbuild.Plugin[]): Promise<string> {
  const what = 'source' in input ? { stdin: { contents: input.source, resolveDir: repoRoot(), loader: 'ts' as const } } : input;
  const result = await esbuild.build({
    ...what,
    absWorkingDir: repoRoot(),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    logLevel: 'silent',
    mainFields: ['module', 'main'],
    plugins,
  });
  return result.outputFiles[0].text;
}
