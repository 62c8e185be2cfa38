/** The API of the runner under test, as an operator with a token: GET without a body, POST with one. */
export function apiClient(base: () => string, token: string) {
  // biome-ignore lint/suspicious/noExplicitAny: tests read loosely-typed JSON bodies
  return async (route: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${base()}/api${route}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}
