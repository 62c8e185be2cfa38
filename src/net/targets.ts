/**
 * Which hosts a monitor or webhook may reach. A token holder must not be able
 * to map the network behind a self-hosted Beacon: loopback, private,
 * link-local, carrier-grade NAT and cloud metadata addresses are refused in
 * every spelling the URL parser accepts ("0x7f000001", "127.1", "[::1]",
 * "[::ffff:10.0.0.1]"), unless ALLOW_PRIVATE_TARGETS allows them.
 *
 * What this cannot see: a public host name whose DNS answer is a private
 * address. Workers resolve names inside fetch(); Cloudflare's edge itself
 * refuses private destinations, a self-hosted runner does not.
 */
import type { PrivateTargets } from "../settings";

const METADATA_HOSTS = new Set([
  "metadata.google.internal",
  "metadata",
  "instance-data",
  "metadata.azure.com",
]);

function ipv4(host: string): number[] | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

function privateIpv4([a, b]: number[]): boolean {
  if (a === undefined || b === undefined) return false;
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/** Expands an IPv6 literal (without brackets) to eight 16-bit groups. */
function ipv6Groups(host: string): number[] | null {
  if (!host.includes(":")) return null;
  let text = host;
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted?.[1]) {
    const v4 = ipv4(dotted[1]);
    if (!v4) return null;
    text = `${text.slice(0, -dotted[1].length)}${((v4[0] ?? 0) * 256 + (v4[1] ?? 0)).toString(16)}:${((v4[2] ?? 0) * 256 + (v4[3] ?? 0)).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  if (fill < 0) return null;
  const groups = [...left, ...Array(fill).fill("0"), ...right].map((g) => Number.parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

function privateIpv6(g: number[]): boolean {
  const [first = 0] = g;
  const allZeroBefore = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (allZeroBefore(7) && (g[7] === 0 || g[7] === 1)) return true; // :: and ::1
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses carry an IPv4 address.
  if (allZeroBefore(5) && (g[5] === 0xffff || g[5] === 0)) {
    const v4 = [(g[6] ?? 0) >> 8, (g[6] ?? 0) & 255, (g[7] ?? 0) >> 8, (g[7] ?? 0) & 255];
    return privateIpv4(v4);
  }
  if (first === 0x64 && g[1] === 0xff9b) return true; // NAT64 can reach IPv4 private space
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
}

/** True when `host` (as the URL parser normalised it) is loopback, private, link-local or metadata. */
export function isPrivateHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  const bare = h.startsWith("[") ? h.slice(1, -1) : h;
  if (bare === "localhost" || bare.endsWith(".localhost") || bare.endsWith(".internal")) return true;
  if (METADATA_HOSTS.has(bare)) return true;
  const v4 = ipv4(bare);
  if (v4) return privateIpv4(v4);
  const v6 = ipv6Groups(bare);
  if (v6) return privateIpv6(v6);
  return false;
}

/**
 * Why a target is refused, or null when it may be reached. `url` must be
 * absolute; a host and port (TCP checks) are passed as `http://host:port`.
 */
export function targetRefusal(url: string, allowed: PrivateTargets): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "must be an absolute URL";
  }
  if (allowed.all || !isPrivateHost(parsed.hostname)) return null;
  const port = parsed.port || (parsed.protocol === "https:" ? "443" : "80");
  if (allowed.hosts.includes(`${parsed.hostname.toLowerCase()}:${port}`)) return null;
  return `must not point at a loopback, private, link-local or metadata address (${parsed.hostname}); set ALLOW_PRIVATE_TARGETS to allow it`;
}
