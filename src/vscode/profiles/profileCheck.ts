import * as vscode from 'vscode';
import { lintAwsConfig, profileNamesOf } from '../../core/profiles/configLint';
import { profileChain } from '../../core/profiles/model';
import { readAwsFileText } from '../../node/awsFiles';
import type { ProfilesSnapshot } from './profilesStore';

/**
 * The config linter's errors for the profiles in a profile's chain (a duration_seconds outside
 * 900–43200, a malformed role_arn, …), each with the file and line, so a command can refuse to call
 * STS with the same words the editor shows.
 */
export async function profileConfigProblems(snap: ProfilesSnapshot, name: string): Promise<string[]> {
  const [config, credentials] = await Promise.all([readAwsFileText(snap.paths.config), readAwsFileText(snap.paths.credentials)]);
  if (config === undefined) return [];
  const chain = new Set(profileChain(snap.model, name).steps.map((s) => s.profile));
  chain.add(name);
  return lintAwsConfig(config, 'config', { otherFileProfiles: credentials ? profileNamesOf(credentials, 'credentials') : [], listedPerCode: Infinity })
    .filter((f) => f.severity === 'error' && f.profile !== undefined && chain.has(f.profile))
    .map((f) => vscode.l10n.t('{0} ({1} line {2})', f.message.replace(/\.$/, ''), snap.paths.config, f.range.startLine + 1));
}
