/**
 * The shape of a message catalogue. English (`languages/en.ts`) is the
 * reference: its keys are the keys, and its texts say which placeholders a
 * message takes. Every other catalogue must have exactly those keys (the
 * compiler checks it with `satisfies Catalogue`), and a test checks that each
 * language uses the same placeholders.
 */
import type { DayStyle } from "../domain/time-text";
import type en from "./languages/en";

/** Forms by Intl.PluralRules category; `other` is required, and `{count}` is the number. */
export type Plural = {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
};
export type Message = string | Plural;

export type Messages = (typeof en)["messages"];
export type Key = keyof Messages;

export type Catalogue = {
  /** The language's own name, for the language switch: "Deutsch". */
  name: string;
  /** The BCP 47 tag Intl formats dates and numbers with: "de-DE". */
  locale: string;
  /** How the bars write a day: "long" ("12 May 2026", the default) or "numeric" ("12.05.2026"). */
  days?: DayStyle;
  messages: { readonly [K in Key]: Message };
};

type Holes<S> = S extends `${string}{${infer P}}${infer R}` ? P | Holes<R> : never;
type HolesOf<M> = M extends string ? Holes<M> : M extends Plural ? Holes<M[keyof M]> | "count" : never;

/** The placeholders of one message, from the English text. */
export type Params<K extends Key> = HolesOf<Messages[K]>;
export type ParamsArg<K extends Key> = [Params<K>] extends [never]
  ? []
  : [Record<Params<K>, string | number>];

export type Translate = <K extends Key>(key: K, ...params: ParamsArg<K>) => string;

/** The placeholder names a text uses, for the catalogue tests. */
export function placeholders(message: Message): string[] {
  const texts = typeof message === "string" ? [message] : Object.values(message);
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/\{(\w+)\}/g)) names.add(m[1] as string);
  if (typeof message !== "string") names.add("count");
  return [...names].sort();
}
