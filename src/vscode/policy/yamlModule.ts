/**
 * The YAML parser (the `yaml` library with the CloudFormation translation of
 * src/core/policy/insight/cloudformationYaml.ts), loaded from its own bundle (dist/yaml.js) the first
 * time a YAML template that may hold a policy is read: most sessions never open one, and the library
 * is the largest part of the features otherwise.
 */
import * as path from 'path';
import type * as CloudFormationYaml from '../../core/policy/insight/cloudformationYaml';
import type { YamlPolicy } from '../../core/policy/insight/cloudformationYaml';

let bundle: string | undefined;
let loaded: typeof CloudFormationYaml | undefined;

/** Where dist/yaml.js is; set when the features start. */
export function useYamlBundle(file: string): void {
  bundle = file;
}

/** The policy documents of a CloudFormation YAML template (a CloudFormationYamlReader). */
export function readCloudFormationYaml(text: string): YamlPolicy[] {
  // Without a bundle (modules compiled by tsc for the tests), the module itself in the compiled tree.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(bundle ?? path.join(__dirname, '..', '..', 'core', 'policy', 'insight', 'cloudformationYaml')) as typeof CloudFormationYaml;
  return loaded.cloudFormationYamlPolicies(text);
}
