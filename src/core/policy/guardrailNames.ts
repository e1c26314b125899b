import type { PolicyType } from './types';

/**
 * What a file's name says about a guardrail: `guardrail-scp.json`, `scps/deny-regions.json` and
 * `rcp.json` name a service or resource control policy. Only the base name and its folder count,
 * split into words at anything that is not a letter or a digit (one linear pass).
 */
export function guardrailTypeFromName(filePath: string): 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | undefined {
  // A path that holds neither word anywhere (most) is settled by one search, before it is split.
  if (!/[rs]cp/i.test(filePath)) return undefined;
  const parts = filePath.split(/[\\/]/).slice(-2);
  // Most names hold neither word, even inside another: one search per part settles them, without
  // the loop over characters below, which costs far more in code V8 has not optimised.
  if (!parts.some((part) => /[rs]cp/i.test(part))) return undefined;
  const words = new Set<string>();
  for (const part of parts) {
    let word = '';
    for (const ch of `${part.replace(/\.[^.]*$/, '')} `) {
      if (/[a-z0-9]/i.test(ch)) word += ch.toLowerCase();
      else if (word) {
        words.add(word);
        word = '';
      }
    }
  }
  const scp = words.has('scp') || words.has('scps');
  const rcp = words.has('rcp') || words.has('rcps');
  if (scp === rcp) return undefined;
  return scp ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY';
}

/**
 * The type content detection found, refined by the file's name where AWS's rules allow it: an SCP
 * has no Principal (detection reads it as an identity policy), an RCP must have one (detection
 * reads it as a resource policy). A name that contradicts the content changes nothing.
 */
export function refineByName(detected: PolicyType, filePath: string | undefined): PolicyType {
  if (filePath === undefined) return detected;
  const named = guardrailTypeFromName(filePath);
  if (named === 'SERVICE_CONTROL_POLICY' && detected === 'IDENTITY_POLICY') return named;
  if (named === 'RESOURCE_CONTROL_POLICY' && detected === 'RESOURCE_POLICY') return named;
  return detected;
}
