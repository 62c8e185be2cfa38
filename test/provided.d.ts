export {};

/** What test/setup/upstream.ts provides to the Worker tests. */
declare module "vitest" {
  export interface ProvidedContext {
    upstream: { http: number; tcp: number; closed: number };
    /** test/setup/oidc.ts: the test OpenID provider and tokens from it. */
    oidc: {
      issuer: string;
      clientId: string;
      clientSecret: string;
      /** A real ID token per account (alice, bob, carol, dave). */
      valid: Record<string, string>;
      refused: Record<
        | "wrongAudience"
        | "expired"
        | "notYetValid"
        | "otherIssuer"
        | "unknownKid"
        | "algNone"
        | "hs256WithPublicKey",
        string
      >;
      skewed: string;
    };
    /** test/setup/smtp.ts: the SMTP server's port and its control port. */
    smtp: { port: number; control: number };
  }
}
