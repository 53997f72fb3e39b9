// One enforcement action as the protocol's report carries it (enforcementActionSchema). The
// actionId is derived, not random: "<target>:<action>:<policyVersion>" (and ":<n>" for the n-th
// repeat under one version, a device unplugged and cut again), so a resend after a crash or an
// outage is the same action to the server, a duplicate, never a second one.
import { createHash } from "node:crypto";
import type { EnforcementAction, EnforcementPolicy } from "../../lib/domain/enforcement/enforcement-policy";
import type { Cut } from "./decide";

export type ActionInput = {
  cut: Cut;
  action: EnforcementAction["action"];
  policy: EnforcementPolicy;
  now: Date;
  method: EnforcementAction["method"];
  seq: number;
  error?: string;
};

const MAX_ID = 128;
const MAX_TARGET = 64;

export function actionOf(input: ActionInput): EnforcementAction {
  const { cut, policy } = input;
  return {
    actionId: actionId(cut.target, input.action, policy.version, input.seq),
    at: input.now.toISOString(),
    action: input.action,
    scope: cut.scope,
    target: boundedTarget(cut.target),
    method: input.method,
    mode: policy.mode,
    ...(cut.ruleId ? { ruleId: cut.ruleId.slice(0, 128) } : {}),
    ...(cut.deviceId ? { deviceId: cut.deviceId.slice(0, 64) } : {}),
    policy: cut.policy.slice(0, 200),
    ...(cut.usb.vendorId && cut.usb.productId ? { usb: { ...cut.usb, ...(cut.usb.serial ? { serial: cut.usb.serial.slice(0, 128) } : {}) } } : {}),
    ...(input.error ? { error: input.error.slice(0, 512) } : {}),
  };
}

/** Only [A-Za-z0-9._:-], 8..128 characters: a target with other characters (a file path) is hashed. */
export function actionId(target: string, action: string, version: string, seq: number): string {
  const safe = /^[A-Za-z0-9._:-]{1,64}$/.test(target) ? target : createHash("sha256").update(target).digest("hex").slice(0, 24);
  const id = `${safe}:${action}:${version}${seq > 0 ? `:${seq}` : ""}`;
  return id.length <= MAX_ID ? id : id.slice(0, MAX_ID);
}

/** The protocol bounds a target to 64 characters: a long path keeps its end, which names the file. */
export const boundedTarget = (target: string) => (target.length <= MAX_TARGET ? target : `…${target.slice(-(MAX_TARGET - 1))}`);
