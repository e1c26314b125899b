// Full administrator access: one identity policy that allows every action on every resource with no
// condition, and no Deny anywhere. A finding of its own, decided before (and instead of) the paths.
import { someString } from '../../policy/elementStrings';
import { parsePolicy } from '../../policy/parse';
import type { EscalationSubject } from './decide';
import { isStar } from './settled';
import type { AllowingStatement } from './types';

const isEveryAction = (v: string): boolean => v === '*' || v === '*:*';

/**
 * Whether one identity policy allows every action on every resource with no condition, and no
 * policy of the subject denies anything: full administrator access.
 */
export function grantsFullAccess(subject: EscalationSubject): AllowingStatement | undefined {
  if (subject.boundaries?.length) return undefined;
  let found: AllowingStatement | undefined;
  for (let i = 0; i < subject.identity.length; i++) {
    const statements = (subject.parsed?.[i] ?? parsePolicy(subject.identity[i].text)).statements;
    for (let k = 0; k < statements.length; k++) {
      const st = statements[k];
      const effect = st.effect?.valueNode.value;
      if (effect === 'Deny') return undefined;
      if (found || effect !== 'Allow' || st.condition || st.notResource || st.principal || st.notPrincipal || !st.action || !st.resource) continue;
      if (someString(st.action, isEveryAction) && someString(st.resource, isStar)) found = { policy: i, statement: st.index ?? 0 };
    }
  }
  return found;
}
