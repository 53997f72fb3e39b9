// Enforcement actions waiting for the server: kept in one small file (written atomically) until a
// 202, so an outage or a restart loses none; sent as POST {url}/api/v1/enforcement, at most 500
// per report, grouped by the policy version they were taken under. A resend carries the same
// actionIds: the server counts it as duplicates.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import {
  ENFORCEMENT_REPORT_SCHEMA_ID,
  enforcementActionSchema,
  MAX_ENFORCEMENT_ACTIONS,
  type EnforcementAction,
  type EnforcementReport,
} from "../../lib/domain/enforcement/enforcement-policy";
import type { Logger } from "../log";
import { writeFileAtomic } from "../spool";
import { USER_AGENT } from "../version";

/** Beyond this many waiting actions (a very long outage), the oldest are dropped, with a warning. */
const MAX_WAITING = 5000;

const waitingSchema = z.array(z.object({ policyVersion: z.string(), action: enforcementActionSchema }));
type Waiting = z.output<typeof waitingSchema>;

export type OutboxSendOptions = { url: string; token: string; hostname: string; timeoutMs: number; fetch?: typeof fetch; log: Logger };
export type FlushResult = { sent: number; waiting: number; problem?: string };

export class EnforcementOutbox {
  private constructor(
    private readonly file: string,
    private waiting: Waiting,
  ) {}

  static async open(file: string): Promise<EnforcementOutbox> {
    const text = await readFile(file, "utf8").catch(() => "[]");
    let waiting: Waiting = [];
    try {
      const parsed = waitingSchema.safeParse(JSON.parse(text));
      if (parsed.success) waiting = parsed.data;
    } catch {
      // a torn file cannot happen (atomic writes); anything else unreadable starts empty
    }
    return new EnforcementOutbox(file, waiting);
  }

  get size(): number {
    return this.waiting.length;
  }

  list(): Waiting {
    return [...this.waiting];
  }

  async add(policyVersion: string, action: EnforcementAction, log?: Logger): Promise<void> {
    // The same actionId twice (re-derived after a crash) is one action.
    this.waiting = this.waiting.filter((w) => w.action.actionId !== action.actionId);
    this.waiting.push({ policyVersion, action });
    if (this.waiting.length > MAX_WAITING) {
      const dropped = this.waiting.length - MAX_WAITING;
      this.waiting = this.waiting.slice(dropped);
      log?.warn("enforcement outbox full: the oldest actions were dropped", { dropped });
    }
    await this.save();
  }

  /** Sends what waits, a report at a time; stops at the first that the server did not take. */
  async flush(options: OutboxSendOptions): Promise<FlushResult> {
    let sent = 0;
    while (this.waiting.length > 0) {
      const version = this.waiting[0].policyVersion;
      const batch = this.waiting.filter((w) => w.policyVersion === version).slice(0, MAX_ENFORCEMENT_ACTIONS);
      const report: EnforcementReport = { schema: ENFORCEMENT_REPORT_SCHEMA_ID, policyVersion: version, agent: { hostname: options.hostname }, actions: batch.map((w) => w.action) };
      const { outcome, problem } = await post(report, options);
      if (outcome === "keep") return { sent, waiting: this.waiting.length, problem };
      const ids = new Set(batch.map((w) => w.action.actionId));
      this.waiting = this.waiting.filter((w) => !ids.has(w.action.actionId));
      await this.save();
      if (outcome === "taken") sent += batch.length;
    }
    return { sent, waiting: 0 };
  }

  private async save(): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(this.waiting));
  }
}

type Posted = { outcome: "taken" | "refused" | "keep"; problem?: string };

/** "taken" (2xx), "refused" (400/415/422: resending the same cannot help; dropped, logged), or "keep" (try again later). */
async function post(report: EnforcementReport, options: OutboxSendOptions): Promise<Posted> {
  const endpoint = `${options.url.replace(/\/+$/, "")}/api/v1/enforcement`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${options.token}`, "user-agent": USER_AGENT },
      body: JSON.stringify(report),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    options.log.warn("enforcement report not sent; kept for the next try", { error });
    return { outcome: "keep", problem: `enforcement report not sent: ${(error as Error).message}` };
  }
  const answer = await response.text().catch(() => "");
  if (response.status >= 200 && response.status < 300) {
    options.log.info("enforcement report accepted", { status: response.status, actions: report.actions.length, answer: answer.slice(0, 200) });
    return { outcome: "taken" };
  }
  if ([400, 415, 422].includes(response.status)) {
    options.log.error("enforcement report refused by the server; dropped", { status: response.status, answer: answer.slice(0, 500) });
    return { outcome: "refused" };
  }
  options.log.warn("enforcement report not taken; kept for the next try", { status: response.status, answer: answer.slice(0, 200) });
  return { outcome: "keep", problem: `enforcement report not taken: HTTP ${response.status}` };
}
