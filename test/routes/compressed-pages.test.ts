import { describe, expect, it } from "vitest";
import { call } from "../helpers/request";

/** The runtime's fetch decodes Content-Encoding, as a browser does; the wire bytes are checked against npm start. */
const gunzip = (res: Response) => res.text();

describe("pages served many times are compressed once", () => {
  it("sends the home page gzipped to a client that takes gzip, the same bytes as without, with its own ETag", async () => {
    const plain = await call("/");
    const body = await plain.text();
    const zipped = await call("/", { headers: { "Accept-Encoding": "br, gzip;q=0.8" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toBe("Accept-Encoding, Accept-Language");
    expect(await gunzip(zipped)).toBe(body);
    expect(zipped.headers.get("etag")).not.toBe(plain.headers.get("etag"));
    const again = await call("/", {
      headers: { "Accept-Encoding": "gzip", "If-None-Match": zipped.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
  });

  it("sends identity to a client that refuses gzip or names none", async () => {
    for (const header of ["gzip;q=0", "identity", ""]) {
      const res = await call("/", { headers: header ? { "Accept-Encoding": header } : {} });
      expect(res.headers.get("content-encoding"), header).toBeNull();
      expect(await res.text()).toContain("<!doctype html>");
    }
  });

  it("keeps the Statuspage API open to every origin when gzipped", async () => {
    const res = await call("/api/v2/summary.json", { headers: { "Accept-Encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(JSON.parse(await gunzip(res))).toHaveProperty("page");
  });
});
