// One download of a feed file: a conditional GET (If-None-Match / If-Modified-Since), a timeout
// that covers the whole transfer, and a size cap enforced while the body streams in, so a
// runaway or hostile server costs at most `maxBytes` of memory and `timeoutMs` of time.

export type Validators = { etag: string | null; lastModified: string | null };
export type DownloadLimits = { timeoutMs: number; maxBytes: number };
export type Downloaded = { status: "ok"; bytes: Uint8Array; validators: Validators } | { status: "not-modified" };

/** A download that did not give us a usable body; the message names the URL and why. */
export class DownloadError extends Error {}

const MB = 2 ** 20;
const sizeText = (bytes: number) => (bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${bytes} bytes`);

/** Only http: and https: URLs are ever fetched (a file: or data: URL would read local data). */
export function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === "http:" || u.protocol === "https:") && !u.username && !u.password;
  } catch {
    return false;
  }
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new DownloadError(`${url}: larger than the ${sizeText(maxBytes)} limit (${sizeText(declared)} announced)`);
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new DownloadError(`${url}: larger than the ${sizeText(maxBytes)} limit; download stopped`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function why(error: unknown, url: string, timeoutMs: number): DownloadError {
  if (error instanceof DownloadError) return error;
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return new DownloadError(`${url}: no complete answer within ${timeoutMs / 1000} s (timeout)`);
  const cause = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
  return new DownloadError(`${url}: cannot be downloaded (${cause})`);
}

/** GETs `url`; with validators, a 304 answers "not-modified". Throws DownloadError. */
export async function download(url: string, limits: DownloadLimits, validators?: Validators): Promise<Downloaded> {
  if (!isHttpUrl(url)) throw new DownloadError(`${url}: only http: and https: URLs are fetched`);
  const headers: Record<string, string> = { "user-agent": "iomt-risk-dashboard feeds:update" };
  if (validators?.etag) headers["if-none-match"] = validators.etag;
  if (validators?.lastModified) headers["if-modified-since"] = validators.lastModified;
  try {
    const response = await fetch(url, { headers, redirect: "follow", signal: AbortSignal.timeout(limits.timeoutMs) });
    if (response.status === 304) {
      await response.body?.cancel().catch(() => undefined);
      return { status: "not-modified" };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new DownloadError(`${url}: the server answered ${response.status} ${response.statusText}`.trim());
    }
    const bytes = await readCapped(response, url, limits.maxBytes);
    return { status: "ok", bytes, validators: { etag: response.headers.get("etag"), lastModified: response.headers.get("last-modified") } };
  } catch (error) {
    throw why(error, url, limits.timeoutMs);
  }
}
