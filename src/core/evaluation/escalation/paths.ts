import { IAM_PATHS } from './iamPaths';
import { SERVICE_PATHS } from './servicePaths';
import type { EscalationPath } from './types';

export * from './types';

/** Every documented path, IAM first. */
export const ESCALATION_PATHS: readonly EscalationPath[] = [...IAM_PATHS, ...SERVICE_PATHS].map((p) => ({ ...p, source: p.sources[0] }));
