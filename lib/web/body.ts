// Reading request bodies with a hard limit enforced while reading: an oversized (or decompressed
// gzip-bomb) body is refused before it is ever whole in memory.
import { ApiError, badRequest } from "./errors";

export const tooLarge = (maxBytes: number) =>
  new ApiError(413, "payload_too_large", `The body is larger than ${Math.floor(maxBytes / 1024)} KiB.`);

export const DEFAULT_BODY_TIMEOUT_MS = 30_000;

/**
 * How long a whole body may take to arrive (BODY_READ_TIMEOUT_MS overrides the default): a client
 * that stalls mid-body would otherwise hold the request, and its buffers, forever.
 */
export function bodyTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.BODY_READ_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_BODY_TIMEOUT_MS;
}

export const timedOut = (timeoutMs: number) =>
  new ApiError(408, "request_timeout", `The body did not arrive within ${Math.ceil(timeoutMs / 1000)} s.`);

export async function readLimited(stream: ReadableStream<Uint8Array> | null, maxBytes: number, timeoutMs = bodyTimeoutMs()): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut(timeoutMs)), timeoutMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    // Not awaited: a stalled source may never acknowledge the cancellation either.
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
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

// NUL and the other C0 controls but tab, LF and CR, and UTF-16 halves without their partner.
// PostgreSQL refuses NUL and unpaired surrogates outright (the write would fail with a 500), and
// the rest only ever serve to forge log lines or drive a terminal.
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Whether text holds what hostileJsonPath refuses: for the fields of a form, which is not JSON. */
export const hasUnsafeText = (text: string) => UNSAFE_TEXT.test(text);
const UNSAFE_TEXT_MESSAGE = "control characters (other than tab and line breaks) and unpaired surrogates are not allowed";

/**
 * A number JSON.parse may not have kept: 1e309 becomes Infinity, 2^53 + 1 silently becomes 2^53.
 * (Every double beyond ±2^53 is an integer, so this is a magnitude cap too.)
 */
const unfaithfulNumber = (n: number) => !Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER;

/**
 * Where a parsed body nests deeper than anything legitimate, carries a key that could reach an
 * object's prototype, text no database or log should hold, or a number that did not survive
 * parsing: the path of the first such place, or null. (Walks without allocating per node: it runs
 * over every report.)
 */
export function hostileJsonPath(value: unknown): { path: string; message: string } | null {
  const trail: string[] = [];
  const walk = (node: unknown): string | null => {
    if (trail.length > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`;
    if (typeof node === "string") return hasUnsafeText(node) ? UNSAFE_TEXT_MESSAGE : null;
    if (typeof node === "number") return unfaithfulNumber(node) ? "numbers must be finite and within ±2^53" : null;
    if (node === null || typeof node !== "object") return null;
    const keys = Array.isArray(node) ? null : Object.keys(node);
    const length = keys ? keys.length : (node as unknown[]).length;
    for (let i = 0; i < length; i++) {
      const key = keys ? keys[i] : String(i);
      if (keys && hasUnsafeText(key)) {
        trail.push(JSON.stringify(key).slice(1, -1).slice(0, 64));
        return "this key holds a control character or an unpaired surrogate";
      }
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

/**
 * A multipart/form-data upload, read to at most `maxBytes` (the declared length is checked first,
 * then the bytes as they come): 415 for another content type, `tooLargeError` for a larger body,
 * 400 when the form cannot be read. `what` names the upload in the 415's message.
 */
export async function readMultipartForm(request: Request, maxBytes: number, tooLargeError: () => ApiError, what: string): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) throw new ApiError(415, "unsupported_media_type", `Send ${what} as multipart/form-data.`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLargeError();
  const body = await readLimited(request.body, maxBytes).catch((error: unknown) => {
    throw error instanceof ApiError && error.status === 413 ? tooLargeError() : error;
  });
  try {
    // readLimited allocates a plain ArrayBuffer.
    return await new Response(body as Uint8Array<ArrayBuffer>, { headers: { "content-type": type } }).formData();
  } catch {
    throw badRequest("invalid_request", "The upload is not valid multipart/form-data.");
  }
}
