// Enforcement through the kernel's USB authorization (Documentation/usb/authorization.rst): "0"
// written to /sys/bus/usb/devices/<dev>/authorized unbinds a device, to <dev>:<c>.<i>/authorized
// one interface; "1" gives it back. The enforcer remembers what it de-authorized itself (a state
// file) and gives back only that, reports each change once, and turns a write error (EACCES, EROFS,
// a device unplugged meanwhile) into a "failed" action, never a crash.
import { readFile, writeFile } from "node:fs/promises";
import type { EnforcementAction, EnforcementPolicy } from "../../lib/domain/enforcement/enforcement-policy";
import type { CollectorProblem } from "../collectors/types";
import { usbDeviceReader, type UsbDeps, type UsbDeviceRead } from "../collectors/usb-sysfs";
import { cutsFor, measure, type Cut, type MeasuredDevice } from "./decide";
import { EnforceState, type Held } from "./enforce-state";
import { actionOf } from "./actions";

/** The writes, injectable: a test makes one EACCES (chmod does not stop root). */
export type AuthorizedDeps = {
  read: (path: string) => Promise<string>;
  write: (path: string, value: "0" | "1") => Promise<void>;
};

// "r+" never creates: an attribute that is not there (a device gone) is an error, not a new file.
const defaultDeps: AuthorizedDeps = {
  read: async (path) => (await readFile(path, "utf8")).trim(),
  write: (path, value) => writeFile(path, value, { flag: "r+" }),
};

export type SysfsEnforcerOptions = {
  sysfsRoot: string;
  stateFile: string;
  deps?: AuthorizedDeps;
  usbDeps?: UsbDeps;
  now?: () => Date;
  /** Keeps an action for the server (the outbox) before the enforcer's own state says it happened. */
  record: (action: EnforcementAction) => Promise<void>;
};

export type EnforceResult = { actions: EnforcementAction[]; problems: CollectorProblem[]; holding: number };

export class SysfsEnforcer {
  private readonly deps: AuthorizedDeps;
  private readonly reader;
  private readonly now: () => Date;

  private constructor(
    private readonly options: SysfsEnforcerOptions,
    private readonly state: EnforceState,
  ) {
    this.deps = options.deps ?? defaultDeps;
    this.reader = usbDeviceReader({ sysfsRoot: options.sysfsRoot }, options.usbDeps);
    this.now = options.now ?? (() => new Date());
  }

  static async open(options: SysfsEnforcerOptions): Promise<SysfsEnforcer> {
    return new SysfsEnforcer(options, await EnforceState.open(options.stateFile));
  }

  /** One pass: measure every device, de-authorize what the policy asks, give back what it no longer asks. */
  async enforce(policy: EnforcementPolicy): Promise<EnforceResult> {
    const now = this.now();
    const { devices, problems: readProblems } = await this.reader.read(now);
    const problems: CollectorProblem[] = readProblems.filter((p) => p.where === this.reader.base);
    const present = new Set<string>();
    const wanted = new Map<string, Cut>();
    for (const read of devices) {
      const device = await this.asHeld(measure(read));
      present.add(device.port);
      for (const i of read.interfaceEntries) present.add(i);
      for (const cut of cutsFor(policy, device)) wanted.set(cut.target, cut);
    }
    const actions: EnforcementAction[] = [];
    const emit = (action: EnforcementAction | null) => action && actions.push(action);
    for (const cut of wanted.values()) emit(await this.hold(cut, device(cut, devices), policy, now));
    for (const [target, held] of this.state.held()) {
      if (!wanted.has(target)) emit(await this.release(target, held, present.has(target), policy, now));
    }
    this.state.forgetFailuresBut(new Set(wanted.keys()));
    await this.state.save();
    for (const [target, failure] of this.state.failures()) problems.push({ where: this.path(target), message: failure.error });
    return { actions, problems, holding: this.state.held().filter(([, h]) => !h.foreign).length };
  }

  /**
   * A device it holds at authorized=0 lost its interfaces (the kernel unconfigures it) and, with
   * them, the HID hash: it is matched as it was measured when it was cut, so the next pass does
   * not see "another device" and give it back.
   */
  private async asHeld(device: MeasuredDevice): Promise<MeasuredDevice> {
    const held = this.state.get(device.port);
    if (!held?.measured || held.foreign) return device;
    // Only while it is still cut: re-plugged (authorized again), it is measured afresh.
    if ((await this.deps.read(this.path(device.port)).catch(() => undefined)) !== "0") return device;
    const same = held.usb.vendorId === device.usb.vendorId && held.usb.productId === device.usb.productId && (held.usb.serial ?? null) === (device.usb.serial ?? null);
    return same ? { ...device, usb: { ...device.usb, interfaces: held.measured.interfaces, hidReportDescriptorSha256: held.measured.hidReportDescriptorSha256 } } : device;
  }

  private async hold(cut: Cut, measured: MeasuredDevice | undefined, policy: EnforcementPolicy, now: Date): Promise<EnforcementAction | null> {
    const held = this.state.get(cut.target);
    const current = await this.deps.read(this.path(cut.target)).catch(() => undefined);
    if (current === "0") {
      if (held && held.pending !== "cut") {
        // Already cut and reported; or a give-back a crash interrupted, now asked for again: still cut.
        if (held.pending) this.state.set(cut.target, { ...held, pending: undefined });
        return null;
      }
      // Cut by someone else (USBGuard, a person): reported, but never given back by this agent.
      // Or cut by this agent just before a crash: reported now, under the same actionId.
      this.state.set(cut.target, held ? { ...held, pending: undefined } : { ...heldOf(cut, measured, policy), foreign: true });
      return this.recorded({ cut, action: "blocked", policy, now });
    }
    // Saved before the write: a crash between the two must not leave a cut it does not know it made.
    this.state.set(cut.target, { ...heldOf(cut, measured, policy), pending: "cut" });
    await this.state.save();
    try {
      await this.deps.write(this.path(cut.target), "0");
    } catch (error) {
      this.state.delete(cut.target);
      return this.failure(cut, policy, now, error);
    }
    this.state.clearFailure(cut.target);
    const action = await this.recorded({ cut, action: "blocked", policy, now });
    this.state.set(cut.target, { ...this.state.get(cut.target)!, pending: undefined });
    return action;
  }

  private async release(target: string, held: Held, present: boolean, policy: EnforcementPolicy, now: Date): Promise<EnforcementAction | null> {
    const cut: Cut = { target, scope: held.scope, ...(held.ruleId ? { ruleId: held.ruleId } : {}), ...(held.deviceId ? { deviceId: held.deviceId } : {}), policy: held.policy, usb: held.usb };
    // Unplugged, found cut by someone else, or given back meanwhile: not this agent's to touch.
    const current = present && !held.foreign ? await this.deps.read(this.path(target)).catch(() => undefined) : undefined;
    if (current !== "0") {
      this.state.delete(target);
      // Given back by this agent just before a crash: reported now.
      return held.pending === "release" && current === "1" ? this.recorded({ cut, action: "allowed", policy, now }) : null;
    }
    this.state.set(target, { ...held, pending: "release" });
    await this.state.save();
    try {
      await this.deps.write(this.path(target), "1");
    } catch (error) {
      this.state.set(target, held);
      return this.failure(cut, policy, now, error);
    }
    this.state.clearFailure(target);
    const action = await this.recorded({ cut, action: "allowed", policy, now });
    this.state.delete(target);
    return action;
  }

  /** The action, handed to the outbox before the state that says it happened is saved. */
  private async recorded(input: { cut: Cut; action: "blocked" | "allowed" | "failed"; policy: EnforcementPolicy; now: Date; error?: string }): Promise<EnforcementAction> {
    const action = actionOf({ ...input, method: "sysfs", seq: this.state.nextSeq(input.cut.target, input.action, input.policy.version) });
    await this.options.record(action);
    return action;
  }

  /** Reported once per target, policy version and error; the write is tried again every pass. */
  private async failure(cut: Cut, policy: EnforcementPolicy, now: Date, error: unknown): Promise<EnforcementAction | null> {
    const message = errorText(error);
    if (!this.state.recordFailure(cut.target, policy.version, message)) return null;
    return this.recorded({ cut, action: "failed", policy, now, error: message });
  }

  private path(target: string): string {
    return `${this.reader.base}/${target}/authorized`;
  }
}

function heldOf(cut: Cut, measured: MeasuredDevice | undefined, policy: EnforcementPolicy): Held {
  return {
    scope: cut.scope,
    ...(cut.ruleId ? { ruleId: cut.ruleId } : {}),
    ...(cut.deviceId ? { deviceId: cut.deviceId } : {}),
    policy: cut.policy,
    usb: cut.usb,
    version: policy.version,
    ...(measured ? { measured: { interfaces: measured.usb.interfaces ?? null, hidReportDescriptorSha256: measured.usb.hidReportDescriptorSha256 ?? null } } : {}),
  };
}

function device(cut: Cut, devices: UsbDeviceRead[]): MeasuredDevice | undefined {
  const read = devices.find((d) => d.port === cut.target || d.interfaceEntries.includes(cut.target));
  return read ? measure(read) : undefined;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0].slice(0, 500);
