/** Runs anywhere fetch does: in Node beside the tests, and inside workerd. */
/**
 * Signs `user` in at the provider the way a browser would, from an
 * authorization URL: follows the provider's redirects with its cookies and
 * answers the sign-in form. Returns the URL the provider sends the browser
 * back to (the client's redirect URI, with `code` and `state`).
 */
export async function signInAtProvider(authorizationUrl: string, user: string): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = (pair ?? "").indexOf("=");
      if (eq > 0) jar.set((pair ?? "").slice(0, eq), (pair ?? "").slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const origin = new URL(authorizationUrl).origin;
  let url = authorizationUrl;
  for (let hop = 0; hop < 12; hop++) {
    if (new URL(url).origin !== origin) return url;
    const isForm = /\/interaction\/[\w-]+$/.test(new URL(url).pathname);
    const res = await fetch(url, {
      redirect: "manual",
      method: isForm ? "POST" : "GET",
      headers: {
        cookie: cookie(),
        ...(isForm ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: isForm ? new URLSearchParams({ login: user, password: "x" }).toString() : undefined,
    });
    remember(res);
    const location = res.headers.get("location");
    if (!location) throw new Error(`the provider answered ${res.status} at ${url}: ${await res.text()}`);
    url = new URL(location, url).toString();
  }
  throw new Error("too many redirects at the provider");
}
