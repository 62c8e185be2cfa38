import * as v from "valibot";
import { languageCodes } from "../i18n/locale";
import { uuid } from "./common";

/**
 * An address as a visitor types it: one mailbox, no display name, nothing a
 * header could be smuggled in with (CR, LF, other control characters, commas,
 * angle brackets, quotes). Stored lower-cased.
 */
export const emailAddress = v.pipe(
  v.string("must be an e-mail address"),
  v.trim(),
  v.nonEmpty("must be an e-mail address"),
  v.maxLength(254, "must be at most 254 characters"),
  v.check(
    (s) => ![...s].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127),
    "must not contain control characters or line breaks",
  ),
  v.regex(
    /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/,
    "must be an e-mail address like name@example.com",
  ),
  v.toLowerCase(),
);

export const SubscriberCreate = v.object({
  email: emailAddress,
  /** Components to hear about; absent, null or empty means all. */
  components: v.nullish(v.pipe(v.array(uuid), v.maxLength(500, "must name at most 500 components"))),
  /** The language of their mail: one of the page's catalogues; absent means the page's default. */
  language: v.optional(
    v.picklist(languageCodes(), `must be one of the page's languages: ${languageCodes().join(", ")}`),
  ),
});

export const SubscriberOut = v.object({
  id: uuid,
  email: v.string(),
  components: v.nullable(v.array(v.string())),
  createdAt: v.string(),
  confirmedAt: v.nullable(v.string()),
  failures: v.number(),
  quarantinedAt: v.nullable(v.string()),
  lastError: v.nullable(v.string()),
});

export const SubscriberSummary = v.object({
  total: v.number(),
  confirmed: v.number(),
  pending: v.number(),
  quarantined: v.number(),
  /** Confirmed subscribers per component id; "all" counts those who chose no components. */
  byComponent: v.record(v.string(), v.number()),
});

export const SubscriberList = v.object({ summary: SubscriberSummary, data: v.array(SubscriberOut) });
