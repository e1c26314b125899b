import * as path from 'path';
import { compileGlob, isGlobProblem } from '../core/glob/boundedGlob';
import { perFolder } from './inputs';
import { isProjectFolderSync, projectRootFor } from '../node/scenarioFiles';
import { DEFAULT_SCENARIO_GLOB, readGuardrailUsesSync, type GuardrailUses } from '../node/scenarioGuardrails';

/**
 * What the policy tests (`*.policytest.json`) of a linted file's project say it is, as in the editor:
 * a file every test uses as an SCP, or as an RCP, is linted as one. The project is the nearest folder
 * holding `.sts-lens.json` or `.git` (the folder a scenario's policy paths must stay in); its policy
 * tests are read once per run, at most 500 files of 1 MiB each. Without such a folder only the policy
 * tests beside the file count: linting a file in a home folder or /tmp does not search everything below.
 */
export function projectGuardrails(): (file: string) => 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | undefined {
  const glob = compileGlob(DEFAULT_SCENARIO_GLOB);
  if (isGlobProblem(glob)) return () => undefined;
  const byRoot = new Map<string, GuardrailUses>();
  const rootOf = perFolder((file) => projectRootFor(path.dirname(path.resolve(file))));
  return (file) => {
    const root = rootOf(file);
    let uses = byRoot.get(root);
    if (!uses) {
      uses = readGuardrailUsesSync(root, (p) => glob.matches(p), isProjectFolderSync(root));
      byRoot.set(root, uses);
    }
    return uses.typeOf(file);
  };
}
