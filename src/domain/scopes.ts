export const SCOPES = ["incidents", "admin", "metrics"] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling: a stored token, or the ADMIN_TOKEN bootstrap secret. */
export type Caller = {
  tokenId: string;
  name: string;
  scopes: readonly Scope[];
  /** True for the ADMIN_TOKEN secret, which has no row in D1. */
  bootstrap: boolean;
};

export const BOOTSTRAP_TOKEN_ID = "bootstrap";

/** `admin` may do everything; any other scope only what it names. */
export function allows(caller: Caller, needed: readonly Scope[]): boolean {
  return caller.scopes.includes("admin") || needed.some((s) => caller.scopes.includes(s));
}
