// The enforcement policy an agent fetches (docs/agent-protocol-v1.md, "Enforcement"), built from
// what the dashboard decided. Pure, and its version is a hash of its content (no counter), so the
// same decisions give the same policy and the same ETag on every instance of the dashboard.
import { createHash } from "node:crypto";
import { canonicalJson } from "../identity/fingerprint";
import { statusRuleWords } from "../words/queue-reason";
import {
  MAX_POLICY_ENTRIES,
  POLICY_SCHEMA_ID,
  usbMatchSchema,
  type AllowEntry,
  type BlockEntry,
  type EnforcementMode,
  type EnforcementPolicy,
  type UsbMatch,
} from "./enforcement-policy";

/** A USB device the dashboard decided about, as the read side hands it over. */
export type DecidedUsbDevice = {
  id: string;
  usbVendorId: string;
  usbProductId: string;
  usbSerial: string | null;
  statusRule: string | null;
  statusReason: string | null;
  /** When the decision was made: over the cap, the newest decisions are kept. */
  decidedAt: Date | null;
  /** Attributes of its current physical fingerprint (lib/domain/identity/fingerprint.ts), when known. */
  fingerprint: Record<string, unknown> | null;
  /** The person who blocked or approved it (the audit log's actor), when known. */
  decidedBy: string | null;
};

/** An enabled usb_allow policy that applies to the agent; `entries` as stored (rules.entries). */
export type UsbAllowPolicy = { id: string; name: string; updatedAt: Date; entries: unknown };

export type PolicyInputs = {
  mode: EnforcementMode;
  siteName: string | null;
  /** Estate-wide: blocked by a person (user:block) or kept blocked by its fingerprint (blocked.fingerprint). */
  blocked: DecidedUsbDevice[];
  /** Every unauthorized USB device of the agent's site, spoof suspected included (read in allow_listed mode). */
  siteUnauthorized: DecidedUsbDevice[];
  /** The USB devices a person approved on the agent's site (read in allow_listed mode). */
  approved: DecidedUsbDevice[];
  allowPolicies: UsbAllowPolicy[];
  /** Decisions the read side did not even fetch because a list was already over the cap. */
  notFetched?: { block: number; allow: number };
};

export type BuiltPolicy = {
  policy: EnforcementPolicy;
  /** Left out over the cap (also said in policy.truncated), and allow-list entries that could not be enforced (malformed ids). */
  dropped: { block: number; allow: number; unusable: number };
};

const HASH = /^[0-9a-f]{64}$/;
const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** Interfaces as fingerprint.ts spells them (lower case, sorted): a person may type them in any order, the agent compares the text. */
const interfaceList = (v: unknown) => text(v)?.toLowerCase().split(",").map((p) => p.trim()).filter(Boolean).sort().join(",") || undefined;

/** The match as the protocol spells it, without keys for what is unknown; null when the ids are not USB ids. */
function matchOf(fields: { vendorId: unknown; productId: unknown; serial?: unknown; interfaces?: unknown; hidReportDescriptorSha256?: unknown }): UsbMatch | null {
  const candidate: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => value !== undefined && (candidate[key] = value);
  put("vendorId", text(fields.vendorId)?.toLowerCase());
  put("productId", text(fields.productId)?.toLowerCase());
  put("serial", text(fields.serial));
  put("interfaces", interfaceList(fields.interfaces));
  const hid = text(fields.hidReportDescriptorSha256)?.toLowerCase();
  put("hidReportDescriptorSha256", hid && HASH.test(hid) ? hid : undefined);
  const parsed = usbMatchSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

/** What the dashboard knows physically of a device: ids, serial, canonical interfaces, HID descriptor hash. */
export function deviceMatch(d: DecidedUsbDevice): UsbMatch | null {
  const fp = d.fingerprint ?? {};
  return matchOf({ vendorId: d.usbVendorId, productId: d.usbProductId, serial: d.usbSerial, interfaces: fp["usb.interfaces"], hidReportDescriptorSha256: fp["usb.hidReportDescriptorSha256"] });
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const decider = (d: DecidedUsbDevice, verb: string) => d.decidedBy ?? (d.statusReason?.startsWith(`${verb} by `) ? d.statusReason.slice(verb.length + 4) : "a person");

/** Who or what asked for the block, in words. */
export function blockWords(d: DecidedUsbDevice, siteName: string | null): { policy: string; reason: string } {
  const reason = cut(d.statusReason?.trim() || statusRuleWords(d.statusRule), 500);
  if (d.statusRule === "user:block") return { policy: cut(`blocked by ${decider(d, "blocked")}`, 200), reason };
  if (d.statusRule === "blocked.fingerprint") return { policy: "kept blocked: the physical fingerprint of a device a person blocked", reason };
  return { policy: cut(`unauthorized on ${siteName ?? "its site"}: ${lowerFirst(statusRuleWords(d.statusRule))}`, 200), reason };
}

const newestFirst = (a: { at: number; ruleId: string }, b: { at: number; ruleId: string }) => b.at - a.at || a.ruleId.localeCompare(b.ruleId);
const byRuleId = (a: { ruleId: string }, b: { ruleId: string }) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/** The newest `MAX_POLICY_ENTRIES`, then in a stable order (by ruleId) so the version depends only on content. */
function capped<T extends { ruleId: string }>(dated: { at: number; ruleId: string; entry: T }[]): { kept: T[]; left: number } {
  const kept = [...dated].sort(newestFirst).slice(0, MAX_POLICY_ENTRIES).map((d) => d.entry);
  return { kept: kept.sort(byRuleId), left: Math.max(0, dated.length - MAX_POLICY_ENTRIES) };
}

const time = (d: Date | null) => d?.getTime() ?? 0;

function blockEntries(inputs: PolicyInputs) {
  const devices = new Map<string, DecidedUsbDevice>();
  for (const d of inputs.blocked) devices.set(d.id, d);
  if (inputs.mode === "allow_listed") for (const d of inputs.siteUnauthorized) if (!devices.has(d.id)) devices.set(d.id, d);
  const dated: { at: number; ruleId: string; entry: BlockEntry }[] = [];
  let unusable = 0;
  for (const d of devices.values()) {
    const match = deviceMatch(d);
    if (!match) {
      unusable++;
      continue;
    }
    const ruleId = `device:${d.id}`;
    dated.push({ at: time(d.decidedAt), ruleId, entry: { ruleId, deviceId: d.id, ...blockWords(d, inputs.siteName), scope: "device", match } });
  }
  return { ...capped(dated), unusable };
}

/** An allow entry's "only these interface classes" (lib/domain/identity/policy.ts), when it is well formed. */
function interfaceClassesOf(value: unknown): number[] | undefined {
  if (!Array.isArray(value) || !value.length || value.length > 32) return undefined;
  return value.every((c) => Number.isInteger(c) && c >= 0 && c <= 255) ? (value as number[]) : undefined;
}

function allowEntries(inputs: PolicyInputs) {
  const dated: { at: number; ruleId: string; entry: AllowEntry }[] = [];
  let unusable = 0;
  for (const p of inputs.allowPolicies) {
    const entries: unknown[] = Array.isArray(p.entries) ? p.entries : [];
    entries.forEach((raw, i) => {
      const e = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
      const match = matchOf({ vendorId: e.vendorId, productId: e.productId, serial: e.serial, interfaces: e.interfaces, hidReportDescriptorSha256: e.hidReportDescriptorSha256 });
      if (!match) return void unusable++;
      const ruleId = `policy:${p.id}:${i}`;
      const classes = interfaceClassesOf(e.interfaceClasses);
      dated.push({ at: p.updatedAt.getTime(), ruleId, entry: { ruleId, policy: cut(p.name, 200), ...(classes ? { interfaceClasses: classes } : {}), match } });
    });
  }
  for (const d of inputs.approved) {
    const match = deviceMatch(d);
    if (!match) {
      unusable++;
      continue;
    }
    const ruleId = `device:${d.id}`;
    dated.push({ at: time(d.decidedAt), ruleId, entry: { ruleId, policy: cut(`approved by ${decider(d, "approved")}`, 200), match } });
  }
  return { ...capped(dated), unusable };
}

/** First 16 hex of the sha-256 of the canonical JSON of what the agent acts on. */
export function policyVersion(content: Pick<EnforcementPolicy, "mode" | "block" | "allow" | "truncated">): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, 16);
}

/**
 * The policy for one agent. monitor: empty lists (the agent changes nothing, and a decision does
 * not make every monitoring agent download a new policy). block_listed: what people blocked,
 * estate-wide. allow_listed: that, every unauthorized USB device of the site, and the allow-list.
 */
export function buildPolicy(inputs: PolicyInputs): BuiltPolicy {
  const none = { kept: [], left: 0, unusable: 0 };
  const block = inputs.mode === "monitor" ? none : blockEntries(inputs);
  const allow = inputs.mode === "allow_listed" ? allowEntries(inputs) : none;
  const notFetched = inputs.mode === "monitor" ? { block: 0, allow: 0 } : { block: inputs.notFetched?.block ?? 0, allow: inputs.mode === "allow_listed" ? (inputs.notFetched?.allow ?? 0) : 0 };
  const left = { block: block.left + notFetched.block, allow: allow.left + notFetched.allow };
  const truncated = left.block || left.allow ? left : undefined;
  const content = { mode: inputs.mode, block: block.kept, allow: allow.kept, ...(truncated ? { truncated } : {}) };
  return {
    policy: { schema: POLICY_SCHEMA_ID, version: policyVersion(content), ...content },
    dropped: { ...left, unusable: block.unusable + allow.unusable },
  };
}
