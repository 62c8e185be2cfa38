import { describe, expect, it } from "vitest";
import { isPrivateHost, targetRefusal } from "../../src/net/targets";

const off = { all: false, hosts: [] };

describe("the private-target guard", () => {
  it.each([
    "http://127.0.0.1/",
    "http://127.1/",
    "http://0x7f000001/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://[64:ff9b::a00:1]/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://172.31.255.255/",
    "http://192.168.0.10:8080/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://localhost:8080/",
    "http://api.localhost/",
    "http://LOCALHOST./",
  ])("refuses %s", (url) => {
    expect(targetRefusal(url, off)).toMatch(/loopback, private, link-local or metadata/);
  });

  it.each([
    "https://example.com/",
    "http://8.8.8.8/",
    "http://172.32.0.1/",
    "http://[2606:4700:4700::1111]/",
    "https://status.example.org:8443/x",
  ])("lets %s through", (url) => {
    expect(targetRefusal(url, off)).toBeNull();
  });

  it("allows everything with ALLOW_PRIVATE_TARGETS=true, and only the listed host:port otherwise", () => {
    expect(targetRefusal("http://127.0.0.1:9999/", { all: true, hosts: [] })).toBeNull();
    const demo = { all: false, hosts: ["127.0.0.1:9999"] };
    expect(targetRefusal("http://127.0.0.1:9999/healthy", demo)).toBeNull();
    expect(targetRefusal("http://127.0.0.1:9998/", demo)).not.toBeNull();
    expect(targetRefusal("http://10.0.0.1:9999/", demo)).not.toBeNull();
  });

  it("reads hosts as the URL parser normalised them", () => {
    expect(isPrivateHost(new URL("http://0x7f.1/").hostname)).toBe(true);
    expect(isPrivateHost("example.com")).toBe(false);
  });
});
