import type { StsLensContext } from '../context';

/** Policy diagnostics, CodeLens, hovers, completions and quick fixes. */
export function registerPolicyFeature(_ctx: StsLensContext): void {}
