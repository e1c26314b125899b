import * as fs from 'fs';
import { parse } from 'jsonc-parser';
import type { IamCatalog } from '../../../src/core/policy/catalog';
import { createIamCatalog, type IamCatalogHandle } from '../../../src/node/iamData';
import { fixturePath } from '../fixtures';

let handle: IamCatalogHandle | undefined;

/** One catalog for all insight tests, with the services the given texts name loaded. */
export function catalogFor(...texts: string[]): IamCatalog {
  handle ??= createIamCatalog();
  const prefixes = new Set<string>(['iam', 'sts', 's3']);
  for (const t of texts) for (const m of t.matchAll(/"([a-z0-9-]+):/g)) prefixes.add(m[1]);
  handle.ensureServicesSync(prefixes);
  return handle.catalog;
}

export function readFixture(name: string): string {
  return fs.readFileSync(fixturePath('policy-editor', name), 'utf8');
}

/** Offset of the `occurrence`-th match of `needle`, plus `delta`. */
export function offsetOf(text: string, needle: string, delta = 0, occurrence = 0): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not found`);
  }
  return at + delta;
}

/** Parses strict JSON (throws on comments or trailing commas), to prove an edit kept the document valid. */
export function strictParse(text: string): unknown {
  return JSON.parse(text);
}

export { parse as parseJsonc };
