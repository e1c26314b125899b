import type { IdentityService, StsLensContext } from '../context';

/** Policy diagnostics, CodeLens, hovers, completions and quick fixes. */
export function registerPolicyFeature(_ctx: StsLensContext, _identity: IdentityService): void {}
