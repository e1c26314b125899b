/**
 * The config lint's errors about a few profiles (the profiles of one chain, checked before an STS
 * call), with the same words and lines as the lint of the whole file gives them, without reading the
 * settings of every other profile: in a config of 120,000 profiles only the headers and the sections
 * of the profiles, sources, sso-sessions and services that the chain reaches are read.
 */

import { findingNameOf, lintSections, listed } from './configLint';
import type { ConfigFileKind, ConfigFinding, UnwordedFinding } from './configLintModel';
import { IniOutline } from './iniOutline';

/** Settings naming another section whose settings a profile's errors depend on (a services section counts only as a name). */
const NAMING_KEYS: ReadonlySet<string> = new Set(['source_profile', 'sso_session']);

/**
 * The errors lintAwsConfig(text, kind, { otherFileProfiles, listedPerCode: Infinity }) gives about
 * the profiles in `names` (findings whose profile is one of them), in line order.
 */
export function lintAwsConfigErrorsOf(file: string | IniOutline, kind: ConfigFileKind, names: ReadonlySet<string>, otherFileProfiles?: readonly string[]): ConfigFinding[] {
  const outline = typeof file === 'string' ? new IniOutline(file) : file;
  const byName = new Map<string, number[]>();
  outline.sections.forEach((s, i) => {
    const name = findingNameOf(s, kind);
    const list = byName.get(name);
    if (list) list.push(i);
    else byName.set(name, [i]);
  });
  // The names, then every name a section of theirs names, and so on: their sections are read.
  const scope = new Set(names);
  const toRead = [...names];
  for (let name = toRead.pop(); name !== undefined; name = toRead.pop()) {
    for (const i of byName.get(name) ?? []) {
      for (const e of outline.readSection(i).entries) {
        if (!NAMING_KEYS.has(e.key) || scope.has(e.value)) continue;
        scope.add(e.value);
        toRead.push(e.value);
      }
    }
  }
  const errors: (ConfigFinding | UnwordedFinding)[] = [];
  lintSections(outline.sections, kind, otherFileProfiles, scope, (f) => {
    if (f.severity === 'error' && f.profile !== undefined && names.has(f.profile)) errors.push(f);
  });
  return listed({ unlisted: new Map() }, errors, Infinity);
}
