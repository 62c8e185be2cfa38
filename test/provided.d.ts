export {};

/** What test/setup/upstream.ts provides to the Worker tests. */
declare module "vitest" {
  export interface ProvidedContext {
    upstream: { http: number; tcp: number; closed: number };
  }
}
