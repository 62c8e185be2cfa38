import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { readSettings } from "../settings";
import { ErrorPage } from "../views/error-page";
import { renderDocument } from "../views/layout";
import { Problem, problemResponse, statusTitle } from "./problem";

export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

const PAGE_MESSAGES: Record<number, string> = {
  404: "There is no page at this address.",
  500: "Something went wrong on our side. The problem has been logged.",
  503: "The status data is unavailable right now. Please try again in a minute.",
};

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
  message: string,
  headers: Record<string, string> = {},
): Response {
  const settings = readSettings(c.env);
  const title = statusTitle(status);
  const body = renderDocument({
    title: `${title} · ${settings.pageName}`,
    settings,
    tz: settings.timeZone,
    path: "/",
    body: ErrorPage({ status, title, message }),
  });
  return new Response(body, {
    status,
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const problem = toProblem(err);
  if (isApiPath(c.req.path)) return problemResponse(problem);
  const message =
    problem.status >= 500 || problem.status === 404
      ? (PAGE_MESSAGES[problem.status] ?? PAGE_MESSAGES[500] ?? "")
      : problem.detail;
  return htmlError(c, problem.status, message, problem.headers);
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) => {
  if (isApiPath(c.req.path)) {
    return problemResponse(new Problem(404, `No route for ${c.req.method} ${c.req.path}`));
  }
  return htmlError(c, 404, PAGE_MESSAGES[404] ?? "");
};
