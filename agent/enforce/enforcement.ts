// Enforcement on this host, put together: the policy (fetched every pollSeconds, cached), the
// enforcer (sysfs or USBGuard), and the outbox of actions for the server. Passes never overlap (a
// fetch and a USB collection may ask at once), and their problems become the "enforce" entry of
// the agent's health in every report.
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { EnforcementAction } from "../../lib/domain/enforcement/enforcement-policy";
import type { UsbDeps } from "../collectors/usb-sysfs";
import type { CollectorProblem } from "../collectors/types";
import type { EnforceConfig } from "../config";
import type { Logger } from "../log";
import { EnforcementOutbox } from "./outbox";
import { PolicySource } from "./policy-source";
import { SysfsEnforcer, type AuthorizedDeps, type EnforceResult } from "./sysfs-enforcer";
import { UsbguardWriter, type RunCommand } from "./usbguard-writer";

export type EnforcementOptions = {
  config: EnforceConfig;
  sysfsRoot: string;
  url: string;
  token: string;
  hostname: string;
  /** The agent's state folder (the spool's): policy cache, enforcer state and outbox live here. */
  stateDir: string;
  timeoutMs: number;
  log: Logger;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  now?: () => Date;
  authorized?: AuthorizedDeps;
  usbDeps?: UsbDeps;
  run?: RunCommand;
};

/** The agent's health entry for enforcement (a protocol health "collector" named "enforce"). */
export type EnforceHealth = { name: "enforce"; ok: boolean; observations: number; problems: CollectorProblem[] };

type Enforcer = { enforce: SysfsEnforcer["enforce"] };

export class Enforcement {
  private queue: Promise<unknown> = Promise.resolve();
  private policyProblem: string | undefined;
  private lastResult: EnforceResult = { actions: [], problems: [], holding: 0 };
  private sendProblem: string | undefined;

  private constructor(
    private readonly options: EnforcementOptions,
    private readonly source: PolicySource,
    private readonly enforcer: Enforcer,
    readonly outbox: EnforcementOutbox,
  ) {}

  static async open(options: EnforcementOptions): Promise<Enforcement> {
    const { stateDir, log } = options;
    const outbox = await EnforcementOutbox.open(join(stateDir, "enforcement-outbox.json"));
    const source = await PolicySource.open({ url: options.url, token: options.token, cacheFile: join(stateDir, "enforcement-policy.json"), timeoutMs: options.timeoutMs, log, fetch: options.fetch });
    const record = (action: EnforcementAction) => outbox.add(source.policy?.version ?? "", action, log);
    const enforcer: Enforcer =
      options.config.method === "usbguard"
        ? await UsbguardWriter.open({ ...options.config.usbguard!, stateFile: join(stateDir, "enforcement-usbguard.json"), now: options.now, run: options.run, record })
        : await SysfsEnforcer.open({ sysfsRoot: options.sysfsRoot, stateFile: join(stateDir, "enforcement-state.json"), deps: options.authorized, usbDeps: options.usbDeps, now: options.now, record });
    return new Enforcement(options, source, enforcer, outbox);
  }

  /** Fetch the policy, enforce it, send what was done. */
  poll(): Promise<void> {
    return this.serial(async () => {
      const result = await this.source.refresh();
      this.policyProblem = result.problem;
      if (result.problem) this.options.log.warn("enforcement policy", { problem: result.problem });
      await this.enforceNow();
    });
  }

  /** After a USB collection: enforce the policy held (a device plugged in since), send what was done. */
  afterCollection(): Promise<void> {
    return this.serial(() => this.enforceNow());
  }

  /** Sends the outbox (also what an earlier run left in it). */
  flush(): Promise<void> {
    return this.serial(() => this.send());
  }

  health(): EnforceHealth {
    const problems: CollectorProblem[] = [];
    if (this.policyProblem) problems.push({ where: "policy", message: this.policyProblem });
    if (!this.source.policy) problems.push({ where: "policy", message: "no enforcement policy yet: nothing is enforced until the server answers" });
    problems.push(...this.lastResult.problems);
    if (this.sendProblem) problems.push({ where: "outbox", message: `${this.sendProblem} (${this.outbox.size} actions waiting)` });
    return { name: "enforce", ok: problems.length === 0, observations: this.lastResult.holding, problems };
  }

  /** Polls every pollSeconds until stopped. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.poll();
      await delay(this.options.config.pollSeconds * 1000, undefined, { signal }).catch(() => {});
    }
  }

  private async enforceNow(): Promise<void> {
    const policy = this.source.policy;
    if (policy) {
      try {
        this.lastResult = await this.enforcer.enforce(policy);
        for (const action of this.lastResult.actions) this.options.log.info("enforced", { action: action.action, target: action.target, ruleId: action.ruleId, error: action.error });
      } catch (error) {
        // A bug or an unreadable state folder: named in the health, the agent keeps running.
        this.lastResult = { actions: [], problems: [{ message: `enforcement failed: ${(error as Error).message}`.slice(0, 512) }], holding: this.lastResult.holding };
        this.options.log.error("enforcement failed", { error });
      }
    }
    await this.send();
  }

  private async send(): Promise<void> {
    if (this.outbox.size === 0) {
      this.sendProblem = undefined;
      return;
    }
    const { url, token, hostname, timeoutMs, log } = this.options;
    const result = await this.outbox.flush({ url, token, hostname, timeoutMs, log, fetch: this.options.fetch });
    this.sendProblem = result.problem;
  }

  /** One pass at a time; a pass that throws (a full disk) is logged and named in the health, never thrown. */
  private serial(work: () => Promise<void>): Promise<void> {
    const guarded = async () => {
      try {
        await work();
      } catch (error) {
        this.sendProblem = `enforcement pass failed: ${(error as Error).message}`.slice(0, 400);
        this.options.log.error("enforcement pass failed", { error });
      }
    };
    const next = this.queue.then(guarded);
    this.queue = next;
    return next;
  }
}
