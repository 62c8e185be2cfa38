declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}

declare module "*?raw" {
  const text: string;
  export default text;
}

declare module "parse-prometheus-text-format" {
  export default function parse(text: string): unknown[];
}
