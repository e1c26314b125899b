import type { ProfilesModel } from '../core/profiles/model';
import type { LocalCredentialSteps } from '../core/profiles/localCredentials';
import { awsFilePaths, checkChainTokenFile, profilesModelOnDisk, type AwsFilePaths } from './awsFiles';

/** The steps on this computer before the SDK (see LocalCredentialSteps), over a model of the AWS files read when credentials are resolved. */
export function localCredentialSteps(model: () => Promise<ProfilesModel>): LocalCredentialSteps {
  return {
    async prepare(profile) {
      await checkChainTokenFile(await model(), profile);
    },
  };
}

/** The same over the AWS files as they are on disk at each resolution, for a caller without the Profiles view's model. */
export function localCredentialStepsOnDisk(paths: AwsFilePaths = awsFilePaths()): LocalCredentialSteps {
  return localCredentialSteps(() => profilesModelOnDisk(paths));
}
