import type { ProfilesModel } from '../core/profiles/model';
import type { LocalCredentialSteps } from '../core/profiles/localCredentials';
import { processChainPlan } from '../core/profiles/processChain';
import { awsFilePaths, checkChainTokenFile, profilesModelOnDisk, type AwsFilePaths } from './awsFiles';
import { runCredentialProcess } from './credentialProcess';

/** The steps on this computer before the SDK (see LocalCredentialSteps), over a model of the AWS files read when credentials are resolved. */
export function localCredentialSteps(model: () => Promise<ProfilesModel>): LocalCredentialSteps {
  return {
    async prepare(profile, signal) {
      const m = await model();
      await checkChainTokenFile(m, profile);
      const plan = processChainPlan(m, profile);
      if (!plan) return undefined;
      return { credentials: await runCredentialProcess(plan.command, { profile: plan.profile, signal }), roles: plan.roles };
    },
  };
}

/** The same over the AWS files as they are on disk at each resolution, for a caller without the Profiles view's model. */
export function localCredentialStepsOnDisk(paths: AwsFilePaths = awsFilePaths()): LocalCredentialSteps {
  return localCredentialSteps(() => profilesModelOnDisk(paths));
}
