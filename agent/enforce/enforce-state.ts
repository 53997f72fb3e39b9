// What the enforcer holds de-authorized and has reported, on disk (written atomically) so that a
// restart neither gives back a device it still should hold nor forgets one it cut itself.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { writeFileAtomic } from "../spool";

const heldSchema = z.object({
  scope: z.enum(["device", "interface"]),
  ruleId: z.string().optional(),
  deviceId: z.string().optional(),
  policy: z.string(),
  usb: z.object({ vendorId: z.string(), productId: z.string(), serial: z.string().optional(), interfaceClass: z.number().optional() }),
  /** The policy version it was cut under. */
  version: z.string(),
  /** Found at authorized=0 already: someone else's cut, never given back by this agent. */
  foreign: z.boolean().optional(),
  /** Saved before the write and cleared once the action is in the outbox: a crash between the two is reported on the next pass. */
  pending: z.enum(["cut", "release"]).optional(),
  /** What matching saw when it was cut (a de-authorized device loses its interfaces in sysfs). */
  measured: z.object({ interfaces: z.string().nullable(), hidReportDescriptorSha256: z.string().nullable() }).optional(),
});
export type Held = z.output<typeof heldSchema>;

const stateSchema = z.object({
  held: z.record(z.string(), heldSchema).default({}),
  /** target → the failure last reported (policy version and error), so it is reported once. */
  failed: z.record(z.string(), z.object({ version: z.string(), error: z.string() })).default({}),
  /** "<target>:<action>:<version>" → how many times reported: a second cut under one version gets its own actionId. */
  reported: z.record(z.string(), z.int()).default({}),
});
type State = z.output<typeof stateSchema>;

export class EnforceState {
  private constructor(
    private readonly file: string,
    private state: State,
  ) {}

  /** An unreadable state file is started afresh: a lost record costs a re-report, never a crash. */
  static async open(file: string): Promise<EnforceState> {
    const text = await readFile(file, "utf8").catch(() => "");
    let parsed: State = { held: {}, failed: {}, reported: {} };
    try {
      const result = stateSchema.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      // absent or not JSON: a first start
    }
    return new EnforceState(file, parsed);
  }

  get(target: string): Held | undefined {
    return this.state.held[target];
  }

  held(): [string, Held][] {
    return Object.entries(this.state.held);
  }

  set(target: string, held: Held): void {
    this.state.held[target] = held;
  }

  delete(target: string): void {
    delete this.state.held[target];
  }

  /** True when this failure is new (another version or another error): report it. */
  recordFailure(target: string, version: string, error: string): boolean {
    const last = this.state.failed[target];
    if (last?.version === version && last.error === error) return false;
    this.state.failed[target] = { version, error };
    return true;
  }

  clearFailure(target: string): void {
    delete this.state.failed[target];
  }

  failures(): [string, { version: string; error: string }][] {
    return Object.entries(this.state.failed);
  }

  /** A failure for a target no longer asked for (and not held) is over. */
  forgetFailuresBut(targets: Set<string>): void {
    for (const target of Object.keys(this.state.failed)) if (!targets.has(target) && !this.state.held[target]) delete this.state.failed[target];
  }

  /** 0 the first time a target gets this action under this version, then 1, 2…; older versions' counts are dropped. */
  nextSeq(target: string, action: string, version: string): number {
    for (const key of Object.keys(this.state.reported)) if (!key.endsWith(`:${version}`)) delete this.state.reported[key];
    const key = `${target}:${action}:${version}`;
    const seq = this.state.reported[key] ?? 0;
    this.state.reported[key] = seq + 1;
    return seq;
  }

  async save(): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(this.state));
  }
}
