export const SCOPES = ["incidents", "admin", "metrics"] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling: a stored token, the ADMIN_TOKEN bootstrap secret, or a person signed in with single sign-on. */
export type Caller = {
  tokenId: string;
  name: string;
  scopes: readonly Scope[];
  /** True for the ADMIN_TOKEN secret, which has no row in D1. */
  bootstrap: boolean;
  /** A person from the OpenID provider: their subject and e-mail, for the audit log. */
  person?: { subject: string; email: string | null };
};

export const BOOTSTRAP_TOKEN_ID = "bootstrap";

/** The token id of callers from the OpenID provider, who have no row in D1 either. */
export const OIDC_TOKEN_ID = "oidc";

/** `admin` may do everything; any other scope only what it names. */
export function allows(caller: Caller, needed: readonly Scope[]): boolean {
  return caller.scopes.includes("admin") || needed.some((s) => caller.scopes.includes(s));
}
