/**
 * Settings a workspace must not choose for you while it is untrusted: those that can lower or hide
 * a finding, pick the files STS Lens reads, point calls at an endpoint, or change which credentials
 * are used and how long they live. package.json lists the same names under
 * `capabilities.untrustedWorkspaces.restrictedConfigurations` (a unit test keeps them equal), and
 * the extension reads them from user settings only while the workspace is untrusted.
 */
export const RESTRICTED_SETTINGS: readonly string[] = [
  'stsLens.sts.endpoint',
  'stsLens.policy.enabled',
  'stsLens.policy.files',
  'stsLens.policy.severity',
  'stsLens.policyTests.files',
  'stsLens.sessions.defaultDurationSeconds',
  'stsLens.sessions.makeActive',
  'stsLens.terminal.refreshingCredentials',
  'stsLens.sso.profileNameTemplate',
];

export function isRestrictedSetting(name: string): boolean {
  return RESTRICTED_SETTINGS.includes(name);
}
