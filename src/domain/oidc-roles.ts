/**
 * Which Beacon scopes a person from the OpenID provider gets, from their
 * token's claims. Nothing matched means no access: never a default scope.
 */
import type { Scope } from "./scopes";

export type RoleMapping = {
  /** The claim holding the person's groups (Dex, Keycloak and Authentik: `groups`). */
  groupsClaim: string;
  adminGroups: readonly string[];
  incidentGroups: readonly string[];
  /** Addresses (`ops@example.com`) or domains (`@example.com`) given the incidents scope. */
  allowedEmails: readonly string[];
};

export type RoleDecision = { scopes: Scope[] } | { refused: string };

/** A claim's groups: an array of strings, or one string (some providers send one group that way). */
function groupsOf(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string");
  if (typeof value === "string" && value) return [value];
  return [];
}

function emailAllowed(email: string, allowed: readonly string[]): boolean {
  const address = email.toLowerCase();
  const domain = address.slice(address.lastIndexOf("@"));
  return allowed.some((entry) => {
    const e = entry.toLowerCase();
    return e.startsWith("@") ? domain === e : address === e;
  });
}

export function scopesFromClaims(claims: Record<string, unknown>, mapping: RoleMapping): RoleDecision {
  const groups = groupsOf(claims, mapping.groupsClaim);
  const scopes = new Set<Scope>();
  if (groups.some((g) => mapping.adminGroups.includes(g))) scopes.add("admin");
  if (groups.some((g) => mapping.incidentGroups.includes(g))) scopes.add("incidents");
  // An address counts only where the provider says it verified it.
  const email = typeof claims.email === "string" ? claims.email : null;
  if (email && claims.email_verified !== false && emailAllowed(email, mapping.allowedEmails))
    scopes.add("incidents");
  if (scopes.size > 0) return { scopes: [...scopes] };
  const who = email ?? (typeof claims.sub === "string" ? claims.sub : "this account");
  const held = groups.length
    ? `the groups ${groups.map((g) => `"${g}"`).join(", ")}`
    : `no groups in the "${mapping.groupsClaim}" claim`;
  return {
    refused: `${who} has ${held}, and none of them, nor the e-mail address, is mapped to a Beacon scope (OIDC_ADMIN_GROUPS, OIDC_INCIDENT_GROUPS, OIDC_ALLOWED_EMAILS).`,
  };
}
