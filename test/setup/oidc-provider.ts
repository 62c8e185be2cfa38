/**
 * A real OpenID provider for the tests: `oidc-provider` (a certified
 * implementation) on 127.0.0.1, with a plain-HTML sign-in form of our own in
 * place of its developer screens (no script, so a browser with JavaScript off
 * gets through), consent given on first use, and groups and e-mail in the ID
 * token as Dex puts them there. It runs in Node, beside the tests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { exportJWK, generateKeyPair, type JWK } from "jose";

export { signInAtProvider } from "../helpers/oidc-walk";

export type Account = { sub: string; email: string; name: string; groups: string[] };

/** Who can sign in; the password is ignored, the user name picks the account. */
export const ACCOUNTS: Record<string, Account> = {
  alice: {
    sub: "alice-sub",
    email: "alice@ops.example",
    name: "Alice Admin",
    groups: ["beacon-admins", "staff"],
  },
  bob: { sub: "bob-sub", email: "bob@ops.example", name: "Bob Oncall", groups: ["beacon-oncall"] },
  carol: { sub: "carol-sub", email: "carol@elsewhere.example", name: "Carol Nobody", groups: ["marketing"] },
  dave: { sub: "dave-sub", email: "dave@partner.example", name: "Dave Partner", groups: [] },
};

export const CLIENT_ID = "beacon";
export const CLIENT_SECRET = "beacon-test-client-secret";

export type TestProvider = {
  issuer: string;
  port: number;
  /** The private signing key (a test crafts refused tokens with it). */
  privateJwk: JWK;
  publicJwk: JWK;
  /** Lets the client use these redirect and post-logout URIs (known once Beacon runs). */
  register(redirectUris: string[], postLogoutUris: string[]): void;
  close(): Promise<void>;
};

function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      text += chunk;
    });
    req.on("end", () => resolve(new URLSearchParams(text)));
    req.on("error", reject);
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** oidc-provider warns that Node 20 is not its favourite and that its store is in memory: both are what a test wants. */
function muted<T>(run: () => T): T {
  const { warn, info } = console;
  console.warn = () => undefined;
  console.info = () => undefined;
  try {
    return run();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}

/** Starts the provider on 127.0.0.1; clients are registered with `register`. */
export async function startOidcProvider(): Promise<TestProvider> {
  const { warn, info } = console;
  console.warn = () => undefined;
  console.info = () => undefined;
  const { default: Provider } = await import("oidc-provider").finally(() => {
    console.warn = warn;
    console.info = info;
  });
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: "test-key-1", alg: "RS256", use: "sig" };
  const publicJwk = { ...(await exportJWK(publicKey)), kid: "test-key-1", alg: "RS256", use: "sig" };

  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const issuer = `http://127.0.0.1:${port}`;

  const build = (redirectUris: string[], postLogoutUris: string[]) => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: redirectUris,
          post_logout_redirect_uris: postLogoutUris,
          response_types: ["code"],
          grant_types: ["authorization_code"],
          token_endpoint_auth_method: "client_secret_basic",
        },
      ],
      jwks: { keys: [privateJwk] },
      cookies: { keys: ["test-cookie-key"] },
      pkce: { required: () => true },
      claims: {
        openid: ["sub"],
        email: ["email", "email_verified"],
        profile: ["name"],
        groups: ["groups"],
      },
      // Claims in the ID token itself, as Dex sends them.
      conformIdTokenClaims: false,
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: (ctx: { body: string }, form: string) => {
            ctx.body = page(
              "Sign out of the test provider?",
              `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`,
            );
          },
          postLogoutSuccessSource: (ctx: { body: string }) => {
            ctx.body = page("Signed out", "<p>You are signed out of the test provider.</p>");
          },
        },
      },
      ttl: {
        AccessToken: 3600,
        AuthorizationCode: 60,
        IdToken: 3600,
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
      },
      renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
        ctx.type = "html";
        ctx.body = page("Error", `<pre>${escapeHtml(JSON.stringify(out))}</pre>`);
      },
      findAccount: (_ctx: unknown, id: string) => {
        const account = Object.values(ACCOUNTS).find((a) => a.sub === id);
        if (!account) return undefined;
        return {
          accountId: id,
          claims: () => ({
            sub: account.sub,
            email: account.email,
            email_verified: true,
            name: account.name,
            groups: account.groups,
          }),
        };
      },
      // First use consents to what the client asked: a first-party console.
      loadExistingGrant: async (ctx: GrantContext) => {
        const existing =
          ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
        if (existing) return ctx.oidc.provider.Grant.find(existing);
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client.clientId,
          accountId: ctx.oidc.session.accountId,
        });
        grant.addOIDCScope("openid email profile groups");
        await grant.save();
        return grant;
      },
    });
    const callback = provider.callback();
    return async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? "/", issuer);
      const match = /^\/interaction\/([\w-]+)$/.exec(url.pathname);
      if (!match) return callback(req, res);
      try {
        const details = await provider.interactionDetails(req, res);
        if (req.method === "POST") {
          const form = await readBody(req);
          const account = ACCOUNTS[form.get("login") ?? ""];
          if (!account) {
            res
              .writeHead(400, { "Content-Type": "text/html" })
              .end(page("Unknown user", "<p>No such user.</p>"));
            return;
          }
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: account.sub } },
            { mergeWithLastSubmission: false },
          );
          return;
        }
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(
          page(
            "Sign in to the test provider",
            `<form method="post" action="/interaction/${escapeHtml(details.uid)}">
              <label for="login">User name</label> <input id="login" name="login" autocomplete="username">
              <label for="password">Password</label> <input id="password" name="password" type="password">
              <button type="submit">Sign in</button></form>`,
          ),
        );
      } catch (err) {
        res.writeHead(400, { "Content-Type": "text/plain" }).end(String(err));
      }
    };
  };

  return {
    issuer,
    port,
    privateJwk,
    publicJwk,
    register(redirectUris, postLogoutUris) {
      handler = muted(() => build(redirectUris, postLogoutUris));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type GrantContext = {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: {
      Grant: {
        find(id: string): Promise<unknown>;
        new (init: {
          clientId: string;
          accountId: string;
        }): { addOIDCScope(s: string): void; save(): Promise<string> };
      };
    };
  };
};
