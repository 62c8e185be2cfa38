/**
 * RFC 9457 problem details: the one error format of the API.
 * Routes throw `Problem`; the app's `onError` turns it into a response.
 */

export type FieldError = { path: string; message: string };

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
};

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? "Error";
}

export class Problem extends Error {
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    detail: string,
    options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "Problem";
    this.status = status;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  body(): ProblemBody {
    const body: ProblemBody = {
      type: "about:blank",
      title: statusTitle(this.status),
      status: this.status,
      detail: this.detail,
    };
    if (this.errors && this.errors.length > 0) body.errors = this.errors;
    return body;
  }
}

/** 400 for one bad field, with the field named in both `detail` and `errors`. */
export function badField(path: string, message: string, status = 400): Problem {
  return new Problem(status, `${path}: ${message}`, { errors: [{ path, message }] });
}

export function notFound(what: string): Problem {
  return new Problem(404, `${what} does not exist`);
}

export function problemResponse(problem: Problem): Response {
  return new Response(JSON.stringify(problem.body()), {
    status: problem.status,
    headers: {
      "Content-Type": "application/problem+json",
      "Cache-Control": "no-store",
      ...problem.headers,
    },
  });
}
