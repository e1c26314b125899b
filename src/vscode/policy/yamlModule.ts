/**
 * The YAML parser (the `yaml` library with the CloudFormation translation of
 * src/core/policy/insight/cloudformationYaml.ts), loaded from its own bundle (dist/yaml.js, see bundles.ts) the first
 * time a YAML template that may hold a policy is read: most sessions never open one, and the library
 * is the largest part of the features otherwise.
 */
import type { YamlPolicy } from '../../core/policy/insight/cloudformationYaml';
import { yamlBundle } from '../bundles';

/** The policy documents of a CloudFormation YAML template (a CloudFormationYamlReader). */
export function readCloudFormationYaml(text: string): YamlPolicy[] {
  return yamlBundle.load().cloudFormationYamlPolicies(text);
}
