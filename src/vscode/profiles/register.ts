import type { StsLensContext } from '../context';

/** Profiles tree, sessions, terminals and the status-bar identity. */
export function registerProfilesFeature(_ctx: StsLensContext): void {}
