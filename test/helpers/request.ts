import { exports } from "cloudflare:workers";

export const ORIGIN = "https://status.example";

/** Sends a request to the Worker under test, as a visitor or an API client would. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}
