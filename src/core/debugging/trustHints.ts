import type { Node } from 'jsonc-parser';
import { parsePolicy } from '../policy/parse';

/** What a trust policy itself says about the callers it expects, to fill Who Can Assume's options in. */
export interface TrustHints {
  /** `Federated` principals that are OIDC providers (an `oidc-provider/` ARN or a host such as accounts.google.com). */
  readonly oidcProviders: string[];
  /** `Federated` principals that are SAML providers. */
  readonly samlProviders: string[];
  /** Values the policy's conditions expect of `sts:ExternalId`. */
  readonly externalIds: string[];
  /** Token claims the conditions test, `provider-host:claim` → the first value written. */
  readonly oidcClaims: Record<string, string>;
  /** `saml:*` keys the conditions test → the first value written. */
  readonly samlKeys: Record<string, string>;
}

/** The string values of a JSON node: a string, or the strings of an array. */
function strings(node: Node | undefined): string[] {
  if (!node) return [];
  if (node.type === 'string') return [node.value as string];
  if (node.type === 'array') return (node.children ?? []).filter((c) => c.type === 'string').map((c) => c.value as string);
  return [];
}

/** The strings under `Federated` in a Principal element's value. */
function federated(principal: Node): string[] {
  if (principal.type !== 'object') return [];
  const prop = (principal.children ?? []).find((p) => p.children?.[0]?.value === 'Federated');
  return strings(prop?.children?.[1]);
}

function addFirst(into: Record<string, string>, key: string, values: readonly string[]): void {
  if (values.length && !(key in into)) into[key] = values[0];
}

/** Reads the federated principals, external IDs, token claims and SAML keys a trust policy names. */
export function trustHints(text: string): TrustHints {
  const hints = { oidcProviders: new Set<string>(), samlProviders: new Set<string>(), externalIds: new Set<string>(), oidcClaims: {} as Record<string, string>, samlKeys: {} as Record<string, string> };
  for (const s of parsePolicy(text).statements) {
    for (const p of s.principal ? federated(s.principal.valueNode) : []) {
      if (p.includes(':saml-provider/')) hints.samlProviders.add(p);
      else hints.oidcProviders.add(p);
    }
    for (const op of s.conditions) {
      for (const k of op.keys) {
        const values = k.values.map((v) => v.value).filter((v): v is string => typeof v === 'string');
        const key = k.key.toLowerCase();
        if (key === 'sts:externalid') values.forEach((v) => hints.externalIds.add(v));
        else if (key.startsWith('saml:')) addFirst(hints.samlKeys, k.key, values);
        else if (!key.startsWith('aws:') && !key.startsWith('sts:')) addFirst(hints.oidcClaims, k.key, values);
      }
    }
  }
  return { oidcProviders: [...hints.oidcProviders], samlProviders: [...hints.samlProviders], externalIds: [...hints.externalIds], oidcClaims: hints.oidcClaims, samlKeys: hints.samlKeys };
}
