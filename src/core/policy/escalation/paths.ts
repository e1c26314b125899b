/**
 * The documented IAM privilege-escalation paths, described as the requests each needs (see
 * src/core/evaluation/escalation). Each is reported as its own issue code, described in
 * docs/checks.md with the sources that document it.
 */
export { ESCALATION_PATHS, type EscalationPath, type PathRequest } from '../../evaluation/escalation/paths';

/** One finding for a policy that allows every action on every resource, instead of every path. */
export const FULL_ADMIN_CODE = 'FULL_ADMIN_ACCESS';
