// Report bodies exactly as agent protocol v1 defines them, from a simulated hospital: what one
// agent sends in one round, as a snapshot (everything it sees) or a delta (what changed).
import type { Hospital, NetworkDevice, UsbDevice } from "./hospital";
import { isPresent, networkObservation, usbObservation } from "./simulated-observations";
import { rngFor } from "./prng";
import { MAX_OBSERVATIONS_PER_REPORT, MAX_REPORT_BYTES, REPORT_SCHEMA, type AgentReport, type Observation } from "./protocol";
import { rogueObservations } from "./scenarios";

export const AGENT_VERSION = "sim-1.1.0";
export type ReportMode = AgentReport["mode"];

/** Share of an agent's unchanged devices a delta re-reports anyway (fresh analog readings). */
const DELTA_SAMPLE = 0.02;
/** The envelope around the observations, generously. */
const ENVELOPE_BYTES = 1024;

export type ObservationOptions = { agent: number; round: number; now: Date; mode: ReportMode };

function deviceObservation(d: NetworkDevice | UsbDevice, now: Date, round: number, action: "seen" | "removed" = "seen"): Observation {
  return d.kind === "network" ? networkObservation(d, now, round) : usbObservation(d, now, round, action);
}

/**
 * A device's entry in a delta: plugged in or pulled out, a firmware update, or a sample. A pump
 * whose planned update did not take is reported too: it rebooted and came back on its old firmware.
 */
function deltaEntry(h: Hospital, d: NetworkDevice | UsbDevice, now: Date, round: number): Observation | null {
  const present = isPresent(d, round);
  if (present !== isPresent(d, round - 1)) return deviceObservation(d, now, round, present ? "seen" : "removed");
  if (!present) return null;
  if (d.kind === "network" && (d.upgradeAtRound === round || d.firmwareUpdate?.round === round)) return deviceObservation(d, now, round);
  return rngFor("delta", h.seed, d.id, round)() < DELTA_SAMPLE ? deviceObservation(d, now, round) : null;
}

/**
 * What the agent reports this round. Rogues are active attackers and appear in every round;
 * a cloned printer is reported together with its clone, so both ports fall in one window.
 */
export function agentObservations(h: Hospital, { agent, round, now, mode }: ObservationOptions): Observation[] {
  const rogues = h.rogues.filter((r) => r.agent === agent);
  const cloned = new Set(rogues.flatMap((r) => (r.cloneOf ? [r.cloneOf.id] : [])));
  const own = h.devices.filter((d) => d.agent === agent && !cloned.has(d.id));
  const seen =
    mode === "snapshot"
      ? own.filter((d) => isPresent(d, round)).map((d) => deviceObservation(d, now, round))
      : own.map((d) => deltaEntry(h, d, now, round)).filter((o): o is Observation => o !== null);
  return [...seen, ...rogues.flatMap((r) => rogueObservations(r, now, round))];
}

/** Consecutive chunks of at most `maxCount` observations and about `maxBytes` of JSON each. */
export function splitObservations(observations: Observation[], maxCount = MAX_OBSERVATIONS_PER_REPORT, maxBytes = MAX_REPORT_BYTES): Observation[][] {
  const chunks: Observation[][] = [[]];
  let bytes = ENVELOPE_BYTES;
  for (const o of observations) {
    const size = JSON.stringify(o).length + 1;
    const current = chunks[chunks.length - 1];
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      chunks.push([o]);
      bytes = ENVELOPE_BYTES + size;
    } else {
      current.push(o);
      bytes += size;
    }
  }
  return chunks;
}

export type ReportOptions = {
  agent: number;
  round: number;
  now?: Date;
  /** Default "snapshot". */
  mode?: ReportMode;
  /** Prefix of every reportId; a new tag per run keeps a re-run from being taken for a replay. */
  runTag?: string;
  maxObservations?: number;
  maxBytes?: number;
};

/**
 * The agent's reports for one round. Protocol v1 has no multi-part snapshot, and a partial
 * snapshot would mark everything in the other parts "not seen"; so a snapshot too large for one
 * report goes out as deltas (nothing is marked gone that round). reportId:
 * <runTag>-s<seed>-a<agent>-r<round>-p<part>, the same on every retry.
 */
export function buildReports(h: Hospital, options: ReportOptions): AgentReport[] {
  const { agent, round, now = new Date(), mode = "snapshot", runTag = "sim" } = options;
  const sentAt = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const maxCount = Math.min(options.maxObservations ?? MAX_OBSERVATIONS_PER_REPORT, MAX_OBSERVATIONS_PER_REPORT);
  const chunks = splitObservations(agentObservations(h, { agent, round, now, mode }), maxCount, options.maxBytes);
  return chunks.map((observations, part) => ({
    schema: REPORT_SCHEMA,
    reportId: `${runTag}-s${h.seed}-a${agent}-r${round}-p${part}`,
    sentAt,
    agent: { version: AGENT_VERSION, hostname: h.agents[agent].hostname },
    mode: chunks.length === 1 ? mode : "delta",
    observations,
  }));
}
