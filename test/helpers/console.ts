import { call, ORIGIN, TEST_ADMIN_TOKEN } from "./request";

export type ConsoleSession = { cookie: string; csrf: string };

/** A form POST as the browser sends it from the console: same origin, urlencoded. */
export function postForm(
  path: string,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return call(path, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: body.toString(),
  });
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error("no CSRF field in the page");
  return m[1];
}

/** Signs in with a token and returns the session cookie and its CSRF token. */
export async function signIn(token = TEST_ADMIN_TOKEN, client = "203.0.113.7"): Promise<ConsoleSession> {
  const res = await postForm("/admin/sign-in", { token }, { "CF-Connecting-IP": client });
  if (res.status !== 303) throw new Error(`sign-in → ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const page = await consoleGet({ cookie, csrf: "" }, "/admin");
  return { cookie, csrf: csrfOf(await page.text()) };
}

export function consoleGet(s: ConsoleSession, path: string): Promise<Response> {
  return call(path, { redirect: "manual", headers: { Cookie: s.cookie } });
}

export function consolePost(s: ConsoleSession, path: string, fields: Record<string, string | string[]>) {
  return postForm(path, { _csrf: s.csrf, ...fields }, { Cookie: s.cookie });
}

/** The id at the end of a redirect's Location, e.g. /admin/incidents/<id>?done=created. */
export function locationId(res: Response): string {
  const m = /\/([0-9a-f-]{36})(?:\?|$)/.exec(res.headers.get("location") ?? "");
  if (!m?.[1]) throw new Error(`no id in ${res.headers.get("location")}`);
  return m[1];
}
