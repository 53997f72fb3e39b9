// Drains the spool in order, one report at a time: POST {url}/api/v1/reports, the gzip file as it
// lies on disk, the same reportId on every retry (the server deduplicates). A report leaves the
// spool only when the server took it (2xx), refused it for good (to refused/), or was split (413).
// Collection never waits for this: an outage only makes the spool longer.
import { createHash } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { Logger } from "./log";
import type { Spool } from "./spool";
import { USER_AGENT } from "./version";

export type SenderOptions = {
  spool: Spool;
  url: string;
  token: string;
  log: Logger;
  timeoutMs: number;
  maxBackoffMs: number;
  /** How long to wait after a 401/403 before trying the token again. */
  authRetryMs: number;
  /** Injectable for tests: the wait, the jitter, the clock, the HTTP client. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  fetch?: typeof fetch;
};

type Outcome = { kind: "done" } | { kind: "retry"; retryAfterMs?: number } | { kind: "unauthorized" };
export type DrainResult = { state: "empty" } | { state: "retry" | "paused"; waitMs: number } | { state: "stopped" };

const BASE_BACKOFF_MS = 1000;
const MAX_RETRY_AFTER_MS = 3_600_000;
const MAX_ID = 128;
// Refused for good: retrying the same bytes cannot help. 401/403 are handled apart (the token, not the
// report); a 404 is retried: it means a wrong URL, and moving every report aside would lose them all.
const FINAL_REFUSALS = new Set([400, 415, 422]);

export class Sender {
  private attempt = 0;
  private readonly endpoint: string;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: SenderOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, "")}/api/v1/reports`;
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? fetch;
  }

  /** Sends until the spool is empty, or says how long to wait before the next try. */
  async drainOnce(signal?: AbortSignal): Promise<DrainResult> {
    for (;;) {
      if (signal?.aborted) return { state: "stopped" };
      const [name] = await this.options.spool.list();
      if (!name) return { state: "empty" };
      const outcome = await this.sendOne(name, signal);
      if (outcome.kind === "unauthorized") return { state: "paused", waitMs: this.options.authRetryMs };
      if (outcome.kind === "retry") return { state: "retry", waitMs: outcome.retryAfterMs ?? this.nextBackoff() };
      this.attempt = 0;
    }
  }

  /** The sender's own loop, beside collection: drain, wait (backoff, or for a new report), again, until stopped. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const result = await this.drainOnce(signal);
      if (result.state === "empty") await this.waitForWork(signal);
      else if (result.state !== "stopped") await this.sleep(result.waitMs, signal);
    }
  }

  /** --once: drain with a deadline; true when the spool was emptied. */
  async drainUntil(deadline: number, signal?: AbortSignal): Promise<boolean> {
    while (!signal?.aborted) {
      const result = await this.drainOnce(signal);
      if (result.state === "empty") return true;
      if (result.state === "stopped" || this.now() + ("waitMs" in result ? result.waitMs : 0) > deadline) return false;
      await this.sleep(result.waitMs, signal);
    }
    return false;
  }

  /** Full jitter (a random wait between 0 and the exponential bound): many sensors back from an outage do not arrive at once. */
  private nextBackoff(): number {
    const bound = Math.min(this.options.maxBackoffMs, BASE_BACKOFF_MS * 2 ** this.attempt);
    this.attempt += 1;
    return Math.floor(this.random() * bound);
  }

  private async sendOne(name: string, signal?: AbortSignal): Promise<Outcome> {
    const { spool, log } = this.options;
    let response: Response;
    try {
      const timeout = AbortSignal.timeout(this.options.timeoutMs);
      response = await this.fetch(this.endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-encoding": "gzip",
          authorization: `Bearer ${this.options.token}`,
          "user-agent": USER_AGENT,
        },
        body: new Uint8Array(await spool.read(name)),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      log.warn("report not sent; will retry", { file: name, error });
      return { kind: "retry" };
    }
    const answer = await response.text().catch(() => "");
    return this.handle(name, response, answer);
  }

  private async handle(name: string, response: Response, answer: string): Promise<Outcome> {
    const { spool, log } = this.options;
    const status = response.status;
    if (status >= 200 && status < 300) {
      await spool.remove(name);
      const body = parseJson(answer);
      log.info(status === 200 ? "report already stored (duplicate)" : "report accepted", { file: name, status, answer: body });
      // Observations outside the agent's lane are refused one by one while the rest is stored.
      if (body?.refused?.count) log.warn("the server refused observations outside this agent's lane", { file: name, refused: body.refused });
      return { kind: "done" };
    }
    const message = serverMessage(answer);
    if (status === 401 || status === 403) {
      log.error("the server refuses this agent's token: sending paused, reports kept in the spool", { status, message, retryInMs: this.options.authRetryMs });
      return { kind: "unauthorized" };
    }
    if (status === 413) return this.split(name);
    if (FINAL_REFUSALS.has(status)) {
      log.error("report refused by the server; moved to refused/", { file: name, status, message, issues: parseJson(answer)?.error?.issues });
      await spool.refuse(name);
      return { kind: "done" };
    }
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response.headers.get("retry-after"), this.now()) : undefined;
    log.warn("server did not take the report; will retry", { file: name, status, message, retryAfterMs });
    return { kind: "retry", retryAfterMs };
  }

  /** 413: halves with derived ids, in the original's place; one observation still too large goes to refused/. */
  private async split(name: string): Promise<Outcome> {
    const { spool, log } = this.options;
    const report = await spool.readReport(name);
    const observations = Array.isArray(report.observations) ? report.observations : [];
    if (observations.length <= 1) {
      log.error("report too large for the server even with one observation; moved to refused/", { file: name });
      await spool.refuse(name);
      return { kind: "done" };
    }
    const half = Math.ceil(observations.length / 2);
    const id = String(report.reportId);
    const parts = [observations.slice(0, half), observations.slice(half)].map((part, i) => ({ ...report, reportId: childId(id, i + 1), mode: "delta", observations: part }));
    await spool.replace(name, parts);
    log.warn("report too large for the server: split in two", { file: name, reportId: id, observations: observations.length });
    return { kind: "done" };
  }

  private waitForWork(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        off();
        signal.removeEventListener("abort", done);
        clearTimeout(timer);
        resolve();
      };
      const off = this.options.spool.onAdd(done);
      signal.addEventListener("abort", done);
      // A safety poll: reports written by another process (or a restart) are picked up anyway.
      const timer = setTimeout(done, 60_000);
    });
  }
}

/** `${id}.1`, `${id}.2`: the same split gives the same ids, so a resend after a crash is deduplicated. */
export function childId(id: string, n: number): string {
  const candidate = `${id}.${n}`;
  if (candidate.length <= MAX_ID) return candidate;
  return `${createHash("sha256").update(id).digest("hex").slice(0, 40)}.${n}`;
}

/** Retry-After is seconds or an HTTP date; anything else (or absent) leaves the backoff in charge. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS) : undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the server's answer is read loosely, for logs only
function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const serverMessage = (answer: string): string => parseJson(answer)?.error?.message ?? answer.slice(0, 200);

async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // aborted: the caller checks the signal
  }
}
