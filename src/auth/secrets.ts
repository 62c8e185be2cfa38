/** Tokens and secrets: generation, hashing and constant-time comparison. */
import { base64url } from "../domain/base64url";

const encoder = new TextEncoder();

type TimingSafe = { timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean };

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await sha256(text));
}

/** Compares two digests of equal length in constant time. */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  // workerd's own extension; vitest's Node typings shadow the Workers SubtleCrypto type.
  return (crypto.subtle as unknown as TimingSafe).timingSafeEqual(a, b);
}

/** A new API token: a recognisable prefix and 256 random bits. */
export function newToken(prefix = "bcn_"): string {
  return `${prefix}${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}
