import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every level, so equal values always serialise identically.
 * Used for input hashes: the same inputs give the same hash whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, node: unknown) => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(node).sort()) sorted[key] = (node as Record<string, unknown>)[key];
    return sorted;
  });
}

/** SHA-256 of a string or bytes, lower-case hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
