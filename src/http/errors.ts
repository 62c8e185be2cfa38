import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import type { Key } from "../i18n/catalogue";
import { word } from "../i18n/words";
import { readSettings } from "../settings";
import { ErrorPage } from "../views/error-page";
import { renderDocument } from "../views/layout";
import { keptLanguage, requestLanguage } from "./language";
import { Problem, problemResponse, statusTitle } from "./problem";

export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/** Statuses whose title the catalogues have; others keep HTTP's reason phrase. */
const TITLED = new Set([400, 403, 404, 405, 413, 429, 500, 503]);

/** D1 (or the network under it) failing: a transient outage, not a bug. */
function isStorageFailure(err: unknown): boolean {
  const message = err instanceof Error ? `${err.name} ${err.message}` : String(err);
  return /\bD1\b|D1_ERROR|SQLITE|Network connection lost|storage/i.test(message);
}

function toProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  if (err instanceof HTTPException && err.status < 500) {
    return new Problem(err.status, err.message || statusTitle(err.status));
  }
  if (isStorageFailure(err)) {
    console.error("storage unavailable", err instanceof Error ? err.message : err);
    return new Problem(
      503,
      "The database is unavailable right now; nothing was written. Try again shortly.",
      {
        headers: { "Retry-After": "5" },
      },
    );
  }
  // Unexpected: log it, answer generically, never echo internals.
  console.error("unhandled error", err instanceof Error ? (err.stack ?? err.message) : err);
  return new Problem(500, "An unexpected error occurred.");
}

function htmlError(
  c: Context<AppEnv>,
  status: number,
  message: string | null,
  headers: Record<string, string> = {},
): Response {
  const settings = readSettings(c.env);
  const language = requestLanguage(c);
  const { l } = language;
  const title = TITLED.has(status)
    ? word(l, `error.${status}` as Key)
    : statusTitle(status) || l.t("error.other");
  // The detail of a refused request says what was wrong with it; these say the same words for everyone.
  const text =
    message ??
    (status === 404 ? l.t("error.page404") : status === 503 ? l.t("error.page503") : l.t("error.page500"));
  const body = renderDocument({
    title: `${title} · ${settings.pageName}`,
    settings,
    tz: settings.timeZone,
    path: "/",
    l,
    lang: keptLanguage(language),
    body: ErrorPage({ status, title, message: text, l }),
  });
  return new Response(body, {
    status,
    headers: {
      ...headers,
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Language": l.lang,
      Vary: "Accept-Language",
    },
  });
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const problem = toProblem(err);
  if (isApiPath(c.req.path)) return problemResponse(problem);
  // Fixed words for these; the detail of a refused request says what was wrong with it.
  const message = problem.status >= 500 || problem.status === 404 ? null : problem.detail;
  return htmlError(c, problem.status, message, problem.headers);
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) => {
  if (isApiPath(c.req.path)) {
    return problemResponse(new Problem(404, `No route for ${c.req.method} ${c.req.path}`));
  }
  return htmlError(c, 404, null);
};
