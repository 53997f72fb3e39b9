// Posting one report as a well-behaved agent does: the body is serialised (and gzipped) once,
// and every retry sends those same bytes with the same reportId, so the server stores it once.
import { gzipSync } from "node:zlib";
import type { AgentReport, ReportAnswer } from "./protocol";

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export type PostOptions = {
  url: string;
  token: string;
  gzip?: boolean;
  fetch?: typeof fetch;
  sleep?: Sleep;
  signal?: AbortSignal;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
};

/** What became of one report: stored (or already stored), refused, or given up on. */
export type PostOutcome =
  | { kind: "stored"; answer: ReportAnswer; status: number; retries: string[] }
  | { kind: "refused"; status: number; message: string; retries: string[] }
  | { kind: "undelivered"; reason: string; detail: string; retries: string[] }
  | { kind: "interrupted"; retries: string[] };

const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** Resolves after `ms`, or at once when the signal aborts (so Ctrl-C never waits an interval). */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

/** Retry-After is seconds or an HTTP date; without one, back off exponentially. */
export function retryDelayMs(retryAfter: string | null, attempt: number, now = Date.now()): number {
  const backoff = Math.min(30_000, 1000 * 2 ** (attempt - 1));
  if (!retryAfter) return backoff;
  const seconds = Number(retryAfter);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
  return Number.isFinite(ms) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms)) : backoff;
}

function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } };
    const issues = (body.error?.issues ?? []).slice(0, 3).map((i) => `${i.path}: ${i.message}`);
    return [body.error?.code, body.error?.message, ...issues].filter(Boolean).join(" · ") || text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}

function encode(report: AgentReport, gzip: boolean): { body: string | Uint8Array; headers: Record<string, string> } {
  const json = JSON.stringify(report);
  return {
    body: gzip ? new Uint8Array(gzipSync(json)) : json,
    headers: { "content-type": "application/json", ...(gzip ? { "content-encoding": "gzip" } : {}) },
  };
}

export async function postReport(report: AgentReport, options: PostOptions): Promise<PostOutcome> {
  const { fetch: doFetch = fetch, sleep = abortableSleep, maxAttempts = 8 } = options;
  const { body, headers } = encode(report, !!options.gzip);
  const endpoint = `${options.url.replace(/\/+$/, "")}/api/v1/reports`;
  const retries: string[] = [];
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    let detail: string;
    let wait: number;
    try {
      const res = await doFetch(endpoint, { method: "POST", headers: { ...headers, authorization: `Bearer ${options.token}` }, body: body as BodyInit });
      const text = await res.text();
      if (res.status === 200 || res.status === 202) return { kind: "stored", status: res.status, answer: JSON.parse(text) as ReportAnswer, retries };
      // 429 and server errors are worth another try; any other refusal will be refused again.
      if (res.status !== 429 && res.status < 500) return { kind: "refused", status: res.status, message: errorMessage(text), retries };
      reason = String(res.status);
      detail = errorMessage(text);
      wait = retryDelayMs(res.headers.get("retry-after"), attempt);
    } catch (error) {
      reason = "network";
      detail = error instanceof Error ? error.message : String(error);
      wait = retryDelayMs(null, attempt);
    }
    if (attempt >= maxAttempts) return { kind: "undelivered", reason, detail, retries };
    if (options.signal?.aborted) return { kind: "interrupted", retries };
    retries.push(reason);
    await sleep(wait, options.signal);
    if (options.signal?.aborted) return { kind: "interrupted", retries };
  }
}
