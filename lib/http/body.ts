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
 * an object's prototype: the path of the first such place, or null.
 */
export function hostileJsonPath(value: unknown, path: string[] = []): { path: string; message: string } | null {
  if (path.length > MAX_JSON_DEPTH) return { path: path.join("."), message: `nested deeper than ${MAX_JSON_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = hostileJsonPath(value[i], [...path, String(i)]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return { path: [...path, key].join("."), message: "this key is not allowed" };
      const found = hostileJsonPath((value as Record<string, unknown>)[key], [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
