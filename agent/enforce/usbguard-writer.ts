// Enforcement through USBGuard: instead of writing sysfs, the agent writes the policy as a USBGuard
// rules file (lib/domain/enforcement/usbguard-rules.ts), atomically, only when the policy version
// changed, then runs the configured reload command (an argv array: no shell, nothing to inject).
// One action per policy version, target = the file: "blocked" when the mode blocks, "allowed" in
// monitor, "failed" (once per version and error) when the write or the reload did not work.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import type { EnforcementAction, EnforcementPolicy } from "../../lib/domain/enforcement/enforcement-policy";
import { usbguardRules } from "../../lib/domain/enforcement/usbguard-rules";
import type { CollectorProblem } from "../collectors/types";
import { writeFileAtomic } from "../spool";
import { actionOf } from "./actions";
import type { Cut } from "./decide";
import type { EnforceResult } from "./sysfs-enforcer";

export type RunCommand = (argv: string[]) => Promise<void>;

export type UsbguardWriterOptions = {
  rulesFile: string;
  reloadCommand?: string[];
  stateFile: string;
  now?: () => Date;
  run?: RunCommand;
  record: (action: EnforcementAction) => Promise<void>;
};

type WriterState = { written?: string; failed?: { version: string; error: string } };

const RELOAD_TIMEOUT_MS = 30_000;

export class UsbguardWriter {
  private constructor(
    private readonly options: UsbguardWriterOptions,
    private state: WriterState,
  ) {}

  static async open(options: UsbguardWriterOptions): Promise<UsbguardWriter> {
    let state: WriterState = {};
    try {
      state = JSON.parse(await readFile(options.stateFile, "utf8")) as WriterState;
    } catch {
      // a first start: the file will be written
    }
    return new UsbguardWriter(options, state);
  }

  async enforce(policy: EnforcementPolicy): Promise<EnforceResult> {
    const problems: CollectorProblem[] = [];
    if (this.state.written === policy.version) return { actions: [], problems, holding: 0 };
    const now = (this.options.now ?? (() => new Date()))();
    const error = await this.writeAndReload(policy, now);
    if (error) {
      problems.push({ where: this.options.rulesFile, message: error });
      const repeated = this.state.failed?.version === policy.version && this.state.failed.error === error;
      if (repeated) return { actions: [], problems, holding: 0 };
      this.state.failed = { version: policy.version, error };
      const action = actionOf({ cut: this.cut(policy), action: "failed", policy, now, method: "usbguard", seq: 0, error });
      await this.options.record(action);
      await this.save();
      return { actions: [action], problems, holding: 0 };
    }
    const action = actionOf({ cut: this.cut(policy), action: policy.mode === "monitor" ? "allowed" : "blocked", policy, now, method: "usbguard", seq: 0 });
    await this.options.record(action);
    this.state = { written: policy.version };
    await this.save();
    return { actions: [action], problems, holding: 0 };
  }

  /** The error in words, or undefined when the file is written and the daemon reloaded. */
  private async writeAndReload(policy: EnforcementPolicy, now: Date): Promise<string | undefined> {
    try {
      await writeFileAtomic(this.options.rulesFile, usbguardRules(policy, { generatedAt: now.toISOString() }));
    } catch (error) {
      return `rules file not written: ${(error as Error).message}`.slice(0, 512);
    }
    const argv = this.options.reloadCommand;
    if (!argv?.length) return undefined;
    try {
      await (this.options.run ?? runCommand)(argv);
      return undefined;
    } catch (error) {
      return `reload command failed (${argv[0]}): ${(error as Error).message}`.split("\n")[0].slice(0, 512);
    }
  }

  private cut(policy: EnforcementPolicy): Cut {
    const words = `USBGuard rules for policy ${policy.version}: ${policy.block.length} blocked, ${policy.allow.length} allowed (${policy.mode})`;
    return { target: this.options.rulesFile, scope: "device", policy: words, usb: { vendorId: "", productId: "" } };
  }

  private async save(): Promise<void> {
    await writeFileAtomic(this.options.stateFile, JSON.stringify(this.state));
  }
}

/** Runs argv[0] with the rest as arguments, no shell; a non-zero exit or a timeout is an error. */
export const runCommand: RunCommand = (argv) =>
  new Promise((resolve, reject) => {
    execFile(argv[0], argv.slice(1), { timeout: RELOAD_TIMEOUT_MS, shell: false }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${error.message}${stderr ? `: ${String(stderr).trim().slice(0, 300)}` : ""}`));
      else resolve();
    });
  });
