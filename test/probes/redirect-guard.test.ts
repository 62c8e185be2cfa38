import { describe, expect, it } from "vitest";
import { targetRefusal } from "../../src/net/targets";
import { runProbe } from "../../src/probes/run";
import { httpUrl, monitor, upstream } from "../helpers/monitors";

describe("an HTTP probe that follows redirects", () => {
  it("stops at a hop the private-target guard refuses, and reports it", async () => {
    const allowed = { all: false, hosts: [`127.0.0.1:${upstream().http}`] };
    const m = monitor("http", {
      url: httpUrl(`/goto?to=${encodeURIComponent("http://169.254.169.254/latest/meta-data/")}`),
      followRedirects: true,
      timeoutMs: 2000,
    });
    const result = await runProbe(m, {
      fetch: (input, init) => fetch(input, init),
      connect: () => {
        throw new Error("no TCP here");
      },
      now: () => Date.now(),
      refuse: (url) => targetRefusal(url, allowed),
    });
    expect(result).toMatchObject({ health: "down", detail: expect.stringContaining("169.254.169.254") });
  });
});
