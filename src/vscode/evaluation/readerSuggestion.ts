import { suggestedReader } from '../../core/debugging/readerChoice';
import type { ActiveIdentity } from '../../core/identity';
import type { IdentityService } from '../context';

/**
 * The profile to offer when `who` may not read an account's policies: `remembered` if it is still a
 * profile, else one whose name says it reads (see suggestedReader). Profiles whose role is in another
 * account than `account` are left out.
 */
export async function readerToOffer(identity: IdentityService, who: ActiveIdentity, options: { account?: string; remembered?: string }): Promise<string | undefined> {
  const known = (await identity.known?.()) ?? [];
  const candidates = known.filter((k) => k.kind === 'profile').map((k) => ({ name: k.label, account: k.arn?.split(':')[4] }));
  return suggestedReader(candidates, { ...options, current: who.profile ?? who.label });
}
