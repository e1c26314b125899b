// Which profiles' credentials come from a credential_process STS Lens runs itself (see localCredentials.ts).
// Apart from localCredentials.ts, which the AWS bundle imports: the chains' words stay out of that bundle.
import { chainBase, profileChain } from './chains';
import type { ChainRole, ProcessChainPlan } from './localCredentials';
import type { ProfilesModel } from './profileTypes';

/**
 * The credential_process a profile's chain starts at, and the roles on top of it, read from the
 * model as the SDK's fromIni reads the files; undefined when the chain starts elsewhere or is broken
 * (a cycle, a missing profile: the SDK says so).
 */
export function processChainPlan(model: ProfilesModel, name: string): ProcessChainPlan | undefined {
  const chain = profileChain(model, name);
  if (chain.cycle || chain.missingProfile) return undefined;
  const base = chainBase(chain);
  if (!base || (base.kind !== 'process' && base.kind !== 'rolesAnywhere')) return undefined;
  const source = model.profiles.get(base.profile);
  if (!source?.credentialProcess) return undefined;
  const roles: ChainRole[] = [];
  for (const step of chain.steps.slice(1)) {
    const p = model.profiles.get(step.profile);
    if (!p?.roleArn) return undefined;
    roles.push({ profile: p.name, roleArn: p.roleArn, roleSessionName: p.roleSessionName, externalId: p.externalId, durationSeconds: p.durationSeconds, mfaSerial: p.mfaSerial });
  }
  return { profile: source.name, command: source.credentialProcess, roles };
}
