// Several collectors measure the same device: the USB collector reads a keyboard from sysfs and
// the typing-rate collector adds its keystroke rate; the neighbours table gives a MAC and IP and
// the switch (SNMP) adds the port it is on. Each sends a partial observation with the same key,
// and here they become one: USB by port path, network by normalised MAC. Anything else stays apart.
import { isPlaceholderMac, normalizeMac } from "../lib/domain/identity/mac";
import type { AgentObservation, CollectorName } from "./collectors/types";

/** An observation after merging, with its key and the collectors it came from (to blame a bad value). */
export type MergedObservation = { key: string; observation: AgentObservation; sources: CollectorName[] };

type Sourced = { source: CollectorName; observation: AgentObservation };

/** The key partial observations of one device meet under; null when it has none to merge by. */
export function mergeKey(o: AgentObservation): string | null {
  const port = o.physical?.usb?.port;
  if (port) return `usb:${port}`;
  const mac = o.claimed?.mac ? normalizeMac(o.claimed.mac) : null;
  if (mac && !isPlaceholderMac(mac)) return `mac:${mac}`;
  return null;
}

/**
 * A stable key for observations nothing merges with (a serial number, a switch port, USB ids),
 * so the delta can still tell "changed" from "new". Content is the last resort.
 */
function fallbackKey(o: AgentObservation): string {
  if (o.claimed?.serialNumber) return `serial:${o.claimed.serialNumber}`;
  if (o.physical?.ethernet?.switchPort) return `switchport:${o.physical.ethernet.switchPort}`;
  const usb = o.claimed?.usb;
  if (usb) return `usbid:${usb.vendorId}:${usb.productId}:${usb.serial ?? ""}`;
  return `other:${JSON.stringify(o.claimed ?? {})}`;
}

/** Merges the collectors' observations, in collector order: a later collector adds to and overrides earlier ones. */
export function mergeObservations(items: Sourced[]): MergedObservation[] {
  const byKey = new Map<string, MergedObservation>();
  for (const { source, observation } of items) {
    const key = mergeKey(observation) ?? uniqueKey(byKey, fallbackKey(observation));
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { key, observation: structuredClone(observation), sources: [source] });
      continue;
    }
    existing.observation = mergeTwo(existing.observation, observation);
    if (!existing.sources.includes(source)) existing.sources.push(source);
  }
  return [...byKey.values()];
}

function uniqueKey(byKey: Map<string, unknown>, key: string): string {
  let candidate = key;
  for (let n = 2; byKey.has(candidate); n += 1) candidate = `${key}#${n}`;
  return candidate;
}

/** Deep merge of the measurement groups; the latest observedAt is the observation's time. */
export function mergeTwo(a: AgentObservation, b: AgentObservation): AgentObservation {
  const merged = deepMerge(a, b) as AgentObservation;
  merged.observedAt = Date.parse(b.observedAt) > Date.parse(a.observedAt) ? b.observedAt : a.observedAt;
  // The first collector's channel stands: a MAC a switch reports is the same device the neighbours saw.
  merged.channel = a.channel;
  return merged;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Objects merge key by key; arrays and scalars from `b` replace `a`'s; an undefined in `b` changes nothing. */
export function deepMerge(a: unknown, b: unknown): unknown {
  if (b === undefined) return structuredClone(a);
  if (!isPlainObject(a) || !isPlainObject(b)) return structuredClone(b);
  const out: Record<string, unknown> = structuredClone(a);
  for (const [key, value] of Object.entries(b)) out[key] = deepMerge(a[key], value);
  return out;
}
