// The enforcement policy: GET {url}/api/v1/enforcement with the agent's token and the ETag of the
// policy it holds (304: keep it). The last good policy is cached on disk, so an agent restarted
// during an outage keeps enforcing it; a policy that breaks the schema is refused and the last
// good one kept, with a problem the agent's health carries.
import { readFile } from "node:fs/promises";
import { enforcementPolicySchema, type EnforcementPolicy } from "../../lib/domain/enforcement/enforcement-policy";
import { formatIssues } from "../config";
import type { Logger } from "../log";
import { writeFileAtomic } from "../spool";
import { USER_AGENT } from "../version";

export type PolicySourceOptions = { url: string; token: string; cacheFile: string; timeoutMs: number; log: Logger; fetch?: typeof fetch };
export type RefreshResult = { changed: boolean; problem?: string };

type Cached = { etag?: string; policy: EnforcementPolicy };

export class PolicySource {
  private cached: Cached | undefined;

  private constructor(private readonly options: PolicySourceOptions) {}

  /** Opens the source with the cached policy, if a valid one is on disk. */
  static async open(options: PolicySourceOptions): Promise<PolicySource> {
    const source = new PolicySource(options);
    const text = await readFile(options.cacheFile, "utf8").catch(() => undefined);
    if (text !== undefined) {
      try {
        const raw = JSON.parse(text) as { etag?: unknown; policy?: unknown };
        const parsed = enforcementPolicySchema.safeParse(raw.policy);
        if (parsed.success) source.cached = { etag: typeof raw.etag === "string" ? raw.etag : undefined, policy: parsed.data };
      } catch {
        options.log.warn("the cached enforcement policy is unreadable; waiting for the server's", { file: options.cacheFile });
      }
    }
    return source;
  }

  /** The policy in force: the last good one, or none before the first fetch. */
  get policy(): EnforcementPolicy | undefined {
    return this.cached?.policy;
  }

  /** Asks the server; a 304, an outage or a bad answer keeps the policy held. */
  async refresh(): Promise<RefreshResult> {
    const { options } = this;
    const endpoint = `${options.url.replace(/\/+$/, "")}/api/v1/enforcement`;
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, "user-agent": USER_AGENT, accept: "application/json" };
    if (this.cached?.etag) headers["if-none-match"] = this.cached.etag;
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(endpoint, { headers, signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      return { changed: false, problem: `policy not fetched (keeping the last one): ${(error as Error).message}` };
    }
    if (response.status === 304) return { changed: false };
    const text = await response.text().catch(() => "");
    if (response.status !== 200) return { changed: false, problem: `policy not fetched (keeping the last one): HTTP ${response.status} ${serverMessage(text)}`.trim() };
    return this.accept(text, response.headers.get("etag") ?? undefined);
  }

  private async accept(text: string, etag: string | undefined): Promise<RefreshResult> {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { changed: false, problem: "policy refused (keeping the last one): the answer is not JSON" };
    }
    const parsed = enforcementPolicySchema.safeParse(body);
    if (!parsed.success) return { changed: false, problem: `policy refused (keeping the last one): ${formatIssues(parsed.error).replace(/\n/g, "; ")}`.slice(0, 512) };
    const changed = parsed.data.version !== this.cached?.policy.version;
    this.cached = { etag, policy: parsed.data };
    await writeFileAtomic(this.options.cacheFile, JSON.stringify(this.cached));
    if (changed) this.options.log.info("enforcement policy received", { version: parsed.data.version, mode: parsed.data.mode, block: parsed.data.block.length, allow: parsed.data.allow.length });
    return { changed };
  }
}

function serverMessage(text: string): string {
  try {
    return String((JSON.parse(text) as { error?: { message?: unknown } }).error?.message ?? "").slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}
