// Reading request bodies with a hard limit enforced while reading: an oversized (or decompressed
// gzip-bomb) body is refused before it is ever whole in memory.
import { ApiError } from "./errors";

export const tooLarge = (maxBytes: number) =>
  new ApiError(413, "payload_too_large", `The body is larger than ${Math.floor(maxBytes / 1024)} KiB.`);

export async function readLimited(stream: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(";")[0].trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** Decodes strict UTF-8 and parses JSON; both failures are the client's (400). */
export function parseJson(bytes: Uint8Array, code = "invalid_json"): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, code, "The body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, code, "The body is not valid JSON.");
  }
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
export const MAX_JSON_DEPTH = 32;

/**
 * Where a parsed body nests deeper than anything legitimate, or carries a key that could reach
 * an object's prototype: the path of the first such place, or null. (Walks without allocating
 * per node: it runs over every report.)
 */
export function hostileJsonPath(value: unknown): { path: string; message: string } | null {
  const trail: string[] = [];
  const walk = (node: unknown): string | null => {
    if (trail.length > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`;
    if (node === null || typeof node !== "object") return null;
    const keys = Array.isArray(node) ? null : Object.keys(node);
    const length = keys ? keys.length : (node as unknown[]).length;
    for (let i = 0; i < length; i++) {
      const key = keys ? keys[i] : String(i);
      trail.push(key);
      if (keys && FORBIDDEN_KEYS.has(key)) return "this key is not allowed";
      const found = walk(keys ? (node as Record<string, unknown>)[key] : (node as unknown[])[i]);
      if (found) return found;
      trail.pop();
    }
    return null;
  };
  const message = walk(value);
  return message ? { path: trail.join("."), message } : null;
}
