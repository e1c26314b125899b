import type { IdentityService, StsLensContext } from '../context';

/** Decoding and explaining encoded authorization failure messages. */
export function registerAuthzFeature(_ctx: StsLensContext, _identity: IdentityService): void {}
