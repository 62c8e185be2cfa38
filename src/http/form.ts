/**
 * HTML forms, the console's only input: a bounded urlencoded body, and the
 * problems of a failed write turned back into field errors for the form.
 */
import type { Context } from "hono";
import { MAX_BODY_BYTES, readLimited } from "./input";
import { type FieldError, Problem } from "./problem";

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

export async function readForm(c: Context): Promise<URLSearchParams> {
  const type = c.req.header("content-type") ?? "";
  if (!FORM_TYPE.test(type)) {
    throw new Problem(415, "Console forms are sent as application/x-www-form-urlencoded");
  }
  return new URLSearchParams(await readLimited(c.req.raw, MAX_BODY_BYTES));
}

/** A trimmed text field; an absent field is "". */
export function text(form: URLSearchParams, name: string): string {
  return (form.get(name) ?? "").trim();
}

/** A field that may be left empty: undefined when it is. */
export function optional(form: URLSearchParams, name: string): string | undefined {
  const value = text(form, name);
  return value === "" ? undefined : value;
}

/** A whole number field; NaN when it is not one, so that validation names it. */
export function integer(form: URLSearchParams, name: string): number | undefined {
  const value = text(form, name);
  if (value === "") return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}

/**
 * The field errors of a write that was refused for its input (4xx with a
 * detail), or null for anything else, which then takes the error page.
 */
export function fieldErrors(err: unknown): FieldError[] | null {
  if (!(err instanceof Problem) || err.status >= 500 || err.status === 401 || err.status === 403) return null;
  return err.errors && err.errors.length > 0 ? err.errors : [{ path: "(form)", message: err.detail }];
}

/** Renames API paths to the form's field names, so an error sits beside its field. */
export function renameErrors(errors: readonly FieldError[], names: Record<string, string>): FieldError[] {
  return errors.map((e) => {
    const hit = Object.keys(names)
      .sort((a, b) => b.length - a.length)
      .find((k) => e.path === k || e.path.startsWith(`${k}.`));
    return hit ? { path: names[hit] ?? e.path, message: e.message } : e;
  });
}
