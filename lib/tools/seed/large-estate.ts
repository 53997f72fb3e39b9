// A large, realistic estate written straight into the database (npm run seed:large): the
// simulator's hospital (its catalogs of real vendors, models and firmware, so the real CISA
// advisories match), each device run through ingestion's own evidence and row functions (same
// names, categories, identity keys and searchText as a report would give), then a real risk
// refresh, alerts, risk acceptances, 90 days of DailyMetric history and today's tally.
// The phases: estate-places.ts (feeds, sites, agents, segments), estate-batch.ts (devices and
// what comes with them), estate-history.ts (the history); the random decisions: estate-plan.ts.
import { refreshPlannerStatistics } from "../../db/bulk-load";
import type { Db } from "../../db/client";
import type { Observation } from "../../domain/protocol/agent-report";
import { gatherEvidence } from "../../ingest/ingest-report";
import { refreshRisk } from "../../jobs/risk-refresh";
import { buildHospital, type NetworkDevice, type UsbDevice } from "../simulator/hospital";
import { networkObservation, usbObservation } from "../simulator/simulated-observations";
import { mulberry32 } from "../simulator/prng";
import { EstateBatch, type PlannedDevice, type SeedRun } from "./estate-batch";
import { writeHistory } from "./estate-history";
import { importRealFeeds, seedPlaces, seedUser, type Place } from "./estate-places";
import { planDevice, type DevicePlan } from "./estate-plan";
import { BUNDLED_FEEDS_DIR } from "../../reference/bundled-feeds";

export type SeedOptions = {
  devices: number;
  append?: boolean;
  seed?: number;
  agents?: number;
  /** Days of DailyMetric history before today. */
  historyDays?: number;
  /** Folder with csaf/*.json and kev/known_exploited_vulnerabilities.json (default: the snapshot the project carries, lib/reference). */
  dataDir?: string;
  now?: Date;
  /** Called with the phase and its progress (for a progress bar). */
  onProgress?: (phase: string, done: number, total: number) => void;
  /** After today's DailyMetric history, e.g. lib/jobs/tally's refreshTally. */
  tally?: (db: Db) => Promise<unknown>;
};

export type SeedSummary = {
  devices: number;
  rows: Record<string, number>;
  seconds: Record<string, number>;
  totalRows: number;
  rowsPerSec: number;
};

const BATCH = 5000;

export class SeedRefused extends Error {}

/** Identity keys already in the database (only looked up when appending). */
async function existingKeys(db: Db, keys: { kind: string; value: string }[]): Promise<Set<string>> {
  const found = new Set<string>();
  const byKind = new Map<string, string[]>();
  for (const k of keys) byKind.set(k.kind, [...(byKind.get(k.kind) ?? []), k.value]);
  for (const [kind, values] of byKind) {
    const rows = await db.deviceIdentifier.findMany({ where: { kind, value: { in: values } }, select: { value: true } });
    for (const r of rows) found.add(`${kind}|${r.value}`);
  }
  return found;
}

function observationOf(d: NetworkDevice | UsbDevice, at: Date): Observation {
  return (d.kind === "network" ? networkObservation(d, at, 0) : usbObservation(d, at, 0)) as unknown as Observation;
}

/**
 * Writes the hospital's devices, BATCH at a time; a device whose identity keys are all taken
 * already (appending the same hospital again) is skipped, as ingestion would not create it twice.
 */
async function seedDevices(db: Db, run: SeedRun, hospital: ReturnType<typeof buildHospital>, places: Map<string, Place>, append: boolean, rows: Record<string, number>, progress: NonNullable<SeedOptions["onProgress"]>) {
  const seenKeys = new Set<string>();
  for (let start = 0; start < hospital.devices.length; start += BATCH) {
    const planned: PlannedDevice[] = hospital.devices.slice(start, start + BATCH).map((d) => {
      const plan = planDevice(run.rng, run.now);
      const place = places.get(d.segment)!;
      return { plan, place, evidence: gatherEvidence(observationOf(d, plan.lastSeenAt) as never, place.agentId) };
    });
    const taken = append ? await existingKeys(db, planned.flatMap((p) => p.evidence.keys)) : new Set<string>();
    const batch = new EstateBatch(run, start);
    for (const device of planned) {
      const keys = device.evidence.keys.filter((k) => !taken.has(`${k.kind}|${k.value}`) && !seenKeys.has(`${k.kind}|${k.value}`));
      if (!keys.length) continue;
      for (const k of keys) seenKeys.add(`${k.kind}|${k.value}`);
      batch.add(device, keys);
    }
    for (const [table, written] of Object.entries(await batch.write(db))) rows[table] += written;
    progress("devices", Math.min(start + BATCH, hospital.devices.length), hospital.devices.length);
  }
}

export async function seedLarge(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const count = options.devices;
  if (!Number.isInteger(count) || count < 1) throw new Error("--devices must be a positive whole number");
  const now = options.now ?? new Date();
  const progress = options.onProgress ?? (() => {});
  const seconds: Record<string, number> = {};
  const rows: Record<string, number> = { Device: 0, DeviceIdentifier: 0, Fingerprint: 0, Observation: 0, Report: 0, Alert: 0, RiskAcceptance: 0, DailyMetric: 0 };
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      seconds[phase] = Number(((performance.now() - started) / 1000).toFixed(1));
    }
  };

  const existing = await db.device.findFirst({ select: { id: true } });
  if (existing && !options.append) throw new SeedRefused("the database already has devices; add --append to add more, or point DATABASE_URL at an empty database");
  const seed = options.seed ?? (existing ? Date.now() % 1_000_000 : 42);
  const rng = mulberry32(seed);

  await timed("feeds", () => importRealFeeds(db, options.dataDir ?? BUNDLED_FEEDS_DIR));
  const userId = await seedUser(db);
  const hospital = await timed("layout", async () => buildHospital({ devices: count, agents: options.agents ?? 60, seed }));
  const { places } = await seedPlaces(db, hospital);

  const run: SeedRun = { rng, now, seed, devices: count, userId, newPerDay: new Map(), openedPerDay: new Map(), acceptances: 0 };
  await timed("devices", () => seedDevices(db, run, hospital, places, !!options.append, rows, progress));

  const risk = await timed("risk", () => refreshRisk(db, { trigger: "full", onProgress: (done, total) => progress("risk", done, total) }));
  rows.RiskScore = risk.rescored;
  rows.DeviceVulnerability = risk.matches;

  rows.DailyMetric = await timed("history", () => writeHistory(db, now, options.historyDays ?? 90, run, rng));
  if (options.tally) await timed("tally", () => options.tally!(db));
  const analysing = performance.now();
  if (await refreshPlannerStatistics(db)) seconds.analyze = Number(((performance.now() - analysing) / 1000).toFixed(1));

  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  const total = Object.values(seconds).reduce((a, b) => a + b, 0);
  return { devices: rows.Device, rows, seconds, totalRows, rowsPerSec: Math.round(totalRows / Math.max(total, 0.001)) };
}

export type { DevicePlan };
