import { createHash } from 'crypto';
import * as vscode from 'vscode';
import { ChainConfigErrors } from '../../core/profiles/chainConfigErrors';
import { profileNamesOf } from '../../core/profiles/configLint';
import { lintAwsConfigErrorsOf } from '../../core/profiles/configLintChain';
import { profileChain } from '../../core/profiles/model';
import type { AwsConfigChecks } from '../../node/awsConfigChecks';
import { readAwsFile } from '../../node/awsFiles';
import type { ProfilesSnapshot } from './profilesStore';

/** The errors of the chains last checked, kept for the next check of an unchanged file. */
export const chainConfigErrors = new ChainConfigErrors();

const digest = (text: string | undefined) => (text === undefined ? '-' : createHash('sha256').update(text).digest('base64'));

/**
 * The config linter's errors for the profiles in a profile's chain (a duration_seconds outside
 * 900–43200, a malformed role_arn, …), each with the file and line, so a command can refuse to call
 * STS with the same words the editor shows. Only the sections the chain reaches are read; given
 * `checks`, a large config file is read in a worker thread, and only the credentials file's profile
 * names go there.
 */
export async function profileConfigProblems(snap: ProfilesSnapshot, name: string, checks?: AwsConfigChecks): Promise<string[]> {
  const [configFile, credentialsFile] = await Promise.all([readAwsFile(snap.paths.config), readAwsFile(snap.paths.credentials)]);
  // A file the SDKs cannot read (UTF-16, a device) is said as the Profiles view says it.
  const unread = [configFile, credentialsFile].filter((f) => f.error !== undefined).map((f) => vscode.l10n.t('{0} cannot be read: {1}', f.path, f.error!));
  if (unread.length) return unread;
  const config = configFile.text;
  const credentials = credentialsFile.text;
  if (config === undefined) return [];
  const chain = new Set(profileChain(snap.model, name).steps.map((s) => s.profile));
  chain.add(name);
  const lint = async (profiles: ReadonlySet<string>) => {
    const otherFileProfiles = credentials ? profileNamesOf(credentials, 'credentials') : [];
    const findings = checks ? await checks.chainErrors(config, profiles, otherFileProfiles) : lintAwsConfigErrorsOf(config, 'config', profiles, otherFileProfiles);
    return findings.map((f) => ({ profile: f.profile!, message: f.message, line: f.range.startLine }));
  };
  return (await chainConfigErrors.of(`${digest(config)} ${digest(credentials)}`, chain, lint))
    .map((e) => vscode.l10n.t('{0} ({1} line {2})', e.message.replace(/\.$/, ''), snap.paths.config, e.line + 1));
}
