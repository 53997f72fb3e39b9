// A large, realistic estate written straight into the database (npm run seed:large): the
// simulator's hospital (its catalogs of real vendors, models and firmware, so the real CISA
// advisories match), each device run through ingestion's own evidence and row functions (same
// names, categories, identity keys and searchText as a report would give), then a real risk
// refresh, alerts, risk acceptances, 90 days of DailyMetric history and today's tally.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { bulkInsert, type Columns, type Target } from "../../db/bulk";
import { providerOf, sqliteConnectionOf, type Db } from "../../db/client";
import { fingerprintHash } from "../../domain/identity/fingerprint";
import { newRowId } from "../../db/row-ids";
import type { Decision } from "../../domain/identity/verdict";
import { gatherEvidence } from "../../domain/identity/evidence";
import { deviceCreateData } from "../../ingest/rows";
import type { Observation } from "../../domain/protocol/agent-report";
import { refreshRisk } from "../../jobs/risk-refresh";
import { buildHospital, type NetworkDevice, type UsbDevice } from "../simulator/hospital";
import { networkObservation, usbObservation } from "../simulator/observations";
import { mulberry32, type Rng } from "../simulator/prng";
import { importFeeds } from "../../vulns/import";
import { historyFactor, planAlerts, planDevice, utcDay, type DevicePlan } from "./estate-plan";

export type SeedOptions = {
  devices: number;
  append?: boolean;
  seed?: number;
  agents?: number;
  /** Days of DailyMetric history before today. */
  historyDays?: number;
  /** Folder with csaf/*.json and kev/known_exploited_vulnerabilities.json (default ../shared/data). */
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
const ACCEPTANCES = 200;
const SITE_NAMES = ["General Hospital", "Children's Hospital", "Heart Institute", "Cancer Centre", "North Clinic", "South Clinic", "Rehabilitation Centre", "Imaging Centre"];
const DEPARTMENTS = ["Intensive care", "Emergency", "Radiology", "Laboratory", "Surgery", "Cardiology", "Oncology", "Pharmacy", "Administration", "Facilities"];

export class SeedRefused extends Error {}

const DEVICE_COLUMNS: Columns = {
  id: "text", displayName: "text", category: "text", categoryRule: "text",
  claimedMac: "text", claimedIp: "text", claimedHostname: "text", claimedVendor: "text", claimedModel: "text", claimedSerial: "text", claimedFirmware: "text",
  usbVendorId: "text", usbProductId: "text", usbSerial: "text", usbManufacturer: "text", usbProduct: "text",
  vendor: "text", model: "text", firmwareVersion: "text", ouiVendor: "text", usbIdsVendor: "text", usbIdsProduct: "text",
  macLocallyAdministered: "bool", os: "text", channel: "text", internetExposed: "bool", network: "json",
  siteId: "text", segmentId: "text", department: "text", owner: "text",
  criticality: "text", criticalitySource: "text", phi: "text", compensatingControls: "float",
  status: "text", statusReason: "text", statusRule: "text", statusChangedAt: "date", spoofSuspected: "bool",
  firstSeenAt: "date", lastSeenAt: "date", notSeenAt: "date", lastAgentId: "text", switchPort: "text", switchPortSeenAt: "date",
  riskScore: "int", riskTier: "text", riskAcceptedUntil: "date", riskStale: "bool", currentFingerprintId: "text", factsHash: "text", searchText: "text",
  createdAt: "date", updatedAt: "date",
};
const IDENTIFIER_COLUMNS: Columns = { kind: "text", value: "text", deviceId: "text", createdAt: "date" };
const FINGERPRINT_COLUMNS: Columns = { id: "text", deviceId: "text", hash: "text", attributes: "json", channel: "text", verdict: "text", similarity: "float", firstSeenAt: "date", lastSeenAt: "date", seenCount: "int" };
const OBSERVATION_COLUMNS: Columns = { id: "text", deviceId: "text", agentId: "text", reportId: "text", observedAt: "date", receivedAt: "date", channel: "text", action: "text", segment: "text", ip: "text", claimed: "json", physical: "json", network: "json", software: "json" };
const REPORT_COLUMNS: Columns = { id: "text", agentId: "text", reportId: "text", sentAt: "date", receivedAt: "date", mode: "text", observationCount: "int", answer: "json" };
const ALERT_COLUMNS: Columns = { id: "text", kind: "text", severity: "text", title: "text", detail: "json", deviceId: "text", openKey: "text", status: "text", count: "int", firstAt: "date", lastAt: "date", acknowledgedAt: "date", acknowledgedById: "text", resolvedAt: "date", resolvedById: "text" };
const ACCEPTANCE_COLUMNS: Columns = { id: "text", deviceId: "text", acceptedById: "text", owner: "text", reason: "text", expiresAt: "date", createdAt: "date" };
const METRIC_COLUMNS: Columns = { day: "text", metric: "text", dimension: "text", value: "float", updatedAt: "date" };

const PG_ARRAY: Record<string, string> = { int: "integer[]", float: "double precision[]", text: "text[]", bool: "boolean[]", date: "timestamp(3)[]", json: "jsonb[]", jsonText: "jsonb[]" };

/**
 * PostgreSQL: one INSERT … SELECT FROM UNNEST(column arrays) per 5,000 rows, one parameter a
 * column. Measured against lib/db/bulk's multi-row VALUES (a parameter a value) on the seed.
 */
async function insertRows(target: Target, table: string, columns: Columns, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  if (target.provider === "sqlite" || process.env.SEED_PG_VALUES) return bulkInsert(target, table, columns, rows);
  const names = Object.keys(columns);
  const arrays = names.map((c) =>
    rows.map((r) => {
      const v = r[c];
      if (v === undefined || v === null) return null;
      if (columns[c] === "json") return JSON.stringify(v);
      if (columns[c] === "date") return new Date(v as string | Date).toISOString();
      return v;
    }),
  );
  await target.db.$executeRawUnsafe(
    `INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(", ")}) SELECT * FROM UNNEST(${names.map((c, i) => `$${i + 1}::${PG_ARRAY[columns[c]]}`).join(", ")})`,
    ...arrays,
  );
}

type Place = { siteId: string; segmentId: string; agentId: string; exposure: string };

async function importRealFeeds(db: Db, dataDir: string) {
  if ((await db.advisory.count()) > 0) return 0;
  const csafDir = path.join(dataDir, "csaf");
  const kevFile = path.join(dataDir, "kev", "known_exploited_vulnerabilities.json");
  if (!existsSync(csafDir)) return 0;
  const files = readdirSync(csafDir).filter((f) => f.endsWith(".json")).sort().map((f) => ({ name: f, bytes: readFileSync(path.join(csafDir, f)) }));
  if (existsSync(kevFile)) files.push({ name: "known_exploited_vulnerabilities.json", bytes: readFileSync(kevFile) });
  await importFeeds(db, files, { actor: { system: "seed-large" } });
  return files.length;
}

async function seedUser(db: Db) {
  const email = "seed-analyst@example.invalid";
  // Nobody signs in as this user (the password is random and thrown away): it is the name on
  // seeded acknowledgements and risk acceptances.
  const { hashPassword } = await import("../../auth/password");
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return existing.id;
  const user = await db.user.create({ data: { email, name: "Seeded analyst", role: "analyst", passwordHash: await hashPassword(randomBytes(24).toString("base64url")) }, select: { id: true } });
  return user.id;
}

/** Sites, agents and segments of the simulated hospital; existing ones (by name) are reused. */
async function seedPlaces(db: Db, hospital: ReturnType<typeof buildHospital>) {
  const sites = [];
  for (const name of SITE_NAMES) sites.push(await db.site.upsert({ where: { name }, create: { name, description: `Seeded estate: ${name}` }, update: {}, select: { id: true } }));
  const agents = [];
  for (const a of hospital.agents) {
    const name = `seed-${a.hostname}`;
    const siteId = sites[a.index % sites.length].id;
    const token = randomBytes(32).toString("hex");
    agents.push(await db.agent.upsert({
      where: { name },
      create: { name, siteId, tokenHash: token, tokenPrefix: token.slice(0, 8), hostname: a.hostname, version: "seed-1.0", lastSeenAt: new Date(), expectedInterval: 300 },
      update: {},
      select: { id: true, siteId: true },
    }));
  }
  const places = new Map<string, Place>();
  for (const s of hospital.segments) {
    const agent = agents[s.agent];
    const siteId = agent.siteId!;
    // Most clinical VLANs are segmented; the IT and PACS VLANs reach the general network; one in
    // forty segments is exposed to the internet (a vendor's remote-support DMZ).
    const exposure = s.index % 40 === 39 ? "internet" : s.clinical ? "clinical_segmented" : "general_it";
    const segment = await db.segment.upsert({ where: { siteId_name: { siteId, name: s.name } }, create: { siteId, name: s.name, exposure, vlan: s.vlan }, update: {}, select: { id: true, exposure: true } });
    places.set(s.name, { siteId, segmentId: segment.id, agentId: agent.id, exposure: segment.exposure });
  }
  return { places, agents };
}

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

/** An earlier fingerprint for a device whose fingerprint changed: one attribute different. */
function earlierAttributes(attributes: Record<string, string | number | boolean>) {
  const key = Object.keys(attributes).find((k) => typeof attributes[k] === "number") ?? Object.keys(attributes)[0];
  const value = attributes[key];
  return { ...attributes, [key]: typeof value === "number" ? value + 7 : `${String(value)}-old` };
}

export async function seedLarge(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const count = options.devices;
  if (!Number.isInteger(count) || count < 1) throw new Error("--devices must be a positive whole number");
  const now = options.now ?? new Date();
  const provider = providerOf(db);
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
  const rng: Rng = mulberry32(seed);

  await timed("feeds", () => importRealFeeds(db, options.dataDir ?? path.join(process.cwd(), "..", "shared", "data")));
  const userId = await seedUser(db);
  const hospital = await timed("layout", async () => buildHospital({ devices: count, agents: options.agents ?? 60, seed }));
  const { places } = await seedPlaces(db, hospital);

  const connection = sqliteConnectionOf(db);
  const seenKeys = new Set<string>();
  const newPerDay = new Map<string, number>();
  const openedPerDay = new Map<string, number>();
  let acceptances = 0;

  await timed("devices", async () => {
    for (let start = 0; start < hospital.devices.length; start += BATCH) {
      const slice = hospital.devices.slice(start, start + BATCH);
      const devices: Record<string, unknown>[] = [];
      const identifiers: Record<string, unknown>[] = [];
      const fingerprints: Record<string, unknown>[] = [];
      const observations: Record<string, unknown>[] = [];
      const alerts: Record<string, unknown>[] = [];
      const accepted: Record<string, unknown>[] = [];
      const reports = new Map<string, Record<string, unknown>>();
      const planned = slice.map((d) => {
        const plan = planDevice(rng, now);
        const place = places.get(d.segment)!;
        const evidence = gatherEvidence(observationOf(d, plan.lastSeenAt) as never, place.agentId);
        return { plan, place, evidence };
      });
      const taken = options.append ? await existingKeys(db, planned.flatMap((p) => p.evidence.keys)) : new Set<string>();
      for (const { plan, place, evidence: e } of planned) {
        const keys = e.keys.filter((k) => !taken.has(`${k.kind}|${k.value}`) && !seenKeys.has(`${k.kind}|${k.value}`));
        if (!keys.length) continue; // the same device again (appending): ingestion would not create it twice
        for (const k of keys) seenKeys.add(`${k.kind}|${k.value}`);
        const id = newRowId();
        const decision = { latest: e, fingerprint: null, spoofs: [], status: null, alerts: [] } as unknown as Decision;
        const base = deviceCreateData(id, decision, place.siteId, place.segmentId, place.agentId, plan.lastSeenAt) as Record<string, unknown>;
        const fingerprintId = e.fingerprint ? newRowId() : null;
        const accept = plan.status !== "retired" && acceptances < ACCEPTANCES && rng() < (ACCEPTANCES * 1.5) / count;
        const acceptedUntil = accept ? new Date(now.getTime() + (30 + rng() * 300) * 86_400_000) : null;
        devices.push({
          macLocallyAdministered: false, internetExposed: place.exposure === "internet", criticalitySource: "category-default", compensatingControls: rng() < 0.1 ? 0.25 : 0,
          riskScore: 0, riskTier: "low", riskStale: true, createdAt: plan.firstSeenAt, updatedAt: now,
          department: DEPARTMENTS[Math.floor(rng() * DEPARTMENTS.length)], owner: rng() < 0.6 ? "Biomedical engineering" : "IT service desk",
          ...base,
          status: plan.status,
          statusReason: plan.status === "unauthorized" ? "Not allowed by this segment's baseline policy" : plan.status === "retired" ? "Decommissioned" : null,
          statusRule: plan.status === "unauthorized" ? "policy:baseline" : null,
          statusChangedAt: plan.status === "pending" ? null : plan.firstSeenAt,
          spoofSuspected: plan.spoofSuspected,
          firstSeenAt: plan.firstSeenAt,
          lastSeenAt: plan.lastSeenAt,
          switchPortSeenAt: e.switchPort ? plan.lastSeenAt : null,
          currentFingerprintId: fingerprintId,
          riskAcceptedUntil: acceptedUntil,
        });
        for (const k of keys) identifiers.push({ ...k, deviceId: id, createdAt: plan.firstSeenAt });
        if (e.fingerprint && fingerprintId) {
          const channel = e.observation.channel;
          if (plan.fingerprintChanged) {
            const attributes = earlierAttributes(e.fingerprint.attributes);
            fingerprints.push({ id: newRowId(), deviceId: id, hash: fingerprintHash(attributes), attributes, channel, verdict: "initial", similarity: null, firstSeenAt: plan.firstSeenAt, lastSeenAt: plan.observedAt.at(-1), seenCount: 1 });
          }
          fingerprints.push({ id: fingerprintId, deviceId: id, hash: e.fingerprint.hash, attributes: e.fingerprint.attributes, channel, verdict: plan.fingerprintChanged ? "changed" : "initial", similarity: plan.fingerprintChanged ? 0.62 : null, firstSeenAt: plan.firstSeenAt, lastSeenAt: plan.lastSeenAt, seenCount: plan.observedAt.length });
        }
        plan.observedAt.forEach((at, i) => {
          const reportKey = `${place.agentId}|${utcDay(at)}`;
          let report = reports.get(reportKey);
          if (!report) {
            report = { id: newRowId(), agentId: place.agentId, reportId: `seed-${seed}-${start}-${reports.size}`, sentAt: at, receivedAt: at, mode: "snapshot", observationCount: 0, answer: { accepted: 0 } };
            reports.set(reportKey, report);
          }
          report.observationCount = (report.observationCount as number) + 1;
          const o = e.observation;
          // The newest observation in full; older ones with what they claimed (keeps 1M devices
          // to a few GB while the device detail still has a history to show).
          observations.push({
            id: newRowId(), deviceId: id, agentId: place.agentId, reportId: report.id, observedAt: at, receivedAt: at, channel: o.channel, action: "seen",
            segment: e.segment, ip: o.claimed?.ip ?? null, claimed: o.claimed ?? null,
            physical: i === 0 ? (o.physical ?? null) : null, network: i === 0 ? (o.network ?? null) : null, software: i === 0 ? (o.software ?? null) : null,
          });
        });
        for (const a of planAlerts(rng, plan, now)) {
          alerts.push({
            id: newRowId(), kind: a.kind, severity: a.severity, title: `${ALERT_TITLES[a.kind] ?? a.kind}: ${e.displayName}`, detail: { seeded: true, category: e.category },
            deviceId: id, openKey: a.status === "resolved" ? null : `${a.kind}:${id}`, status: a.status, count: a.count, firstAt: a.firstAt, lastAt: a.lastAt,
            acknowledgedAt: a.acknowledgedAt, acknowledgedById: a.acknowledgedAt ? userId : null, resolvedAt: a.resolvedAt, resolvedById: a.resolvedAt ? userId : null,
          });
          openedPerDay.set(utcDay(a.firstAt), (openedPerDay.get(utcDay(a.firstAt)) ?? 0) + 1);
        }
        if (acceptedUntil) {
          acceptances += 1;
          accepted.push({ id: newRowId(), deviceId: id, acceptedById: userId, owner: "Biomedical engineering", reason: "Vendor patch not yet validated; device on an isolated VLAN with NAC quarantine.", expiresAt: acceptedUntil, createdAt: now });
        }
        newPerDay.set(utcDay(plan.firstSeenAt), (newPerDay.get(utcDay(plan.firstSeenAt)) ?? 0) + 1);
      }
      await db.$transaction(async (tx) => {
        const target: Target = { db: tx, provider, connection };
        await insertRows(target, "Device", DEVICE_COLUMNS, devices);
        await insertRows(target, "DeviceIdentifier", IDENTIFIER_COLUMNS, identifiers);
        await insertRows(target, "Fingerprint", FINGERPRINT_COLUMNS, fingerprints);
        await insertRows(target, "Report", REPORT_COLUMNS, [...reports.values()]);
        await insertRows(target, "Observation", OBSERVATION_COLUMNS, observations);
        await insertRows(target, "Alert", ALERT_COLUMNS, alerts);
        await insertRows(target, "RiskAcceptance", ACCEPTANCE_COLUMNS, accepted);
      }, { timeout: 600_000, maxWait: 60_000 });
      rows.Device += devices.length;
      rows.DeviceIdentifier += identifiers.length;
      rows.Fingerprint += fingerprints.length;
      rows.Observation += observations.length;
      rows.Report += reports.size;
      rows.Alert += alerts.length;
      rows.RiskAcceptance += accepted.length;
      progress("devices", Math.min(start + BATCH, hospital.devices.length), hospital.devices.length);
    }
  });

  const risk = await timed("risk", () => refreshRisk(db, { trigger: "full", onProgress: (done, total) => progress("risk", done, total) }));
  rows.RiskScore = risk.rescored;
  rows.DeviceVulnerability = risk.matches;

  rows.DailyMetric = await timed("history", () => writeHistory(db, provider, connection, now, options.historyDays ?? 90, newPerDay, openedPerDay, rng));
  if (options.tally) await timed("tally", () => options.tally!(db));
  // Millions of rows written at once leave PostgreSQL without statistics until autovacuum gets
  // round to them; until then it picks bad plans (a deep work-queue page: 920 ms, then 5 ms).
  // SQLite's planner needs none.
  if (provider === "postgresql") await timed("analyze", () => db.$executeRawUnsafe("ANALYZE"));

  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  const total = Object.values(seconds).reduce((a, b) => a + b, 0);
  return { devices: rows.Device, rows, seconds, totalRows, rowsPerSec: Math.round(totalRows / Math.max(total, 0.001)) };
}

const ALERT_TITLES: Record<string, string> = {
  unauthorized: "Unauthorized",
  spoof: "Possible spoof",
  fingerprint_changed: "Physical fingerprint changed",
  new_device: "New device",
  device_silent: "Device silent",
};

/**
 * Today's counts, by the TALLY.md definitions, counted once here (a seed may take seconds over a
 * million rows; a page may not), then scaled back over the history days with a plausible trend.
 */
async function currentCounts(db: Db): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const put = (metric: string, dimension: string, value: number) => out.set(`${metric}\u0000${dimension}`, (out.get(`${metric}\u0000${dimension}`) ?? 0) + value);
  // Every estate-wide metric has a row, a zero included (a small estate may have no KEV device).
  for (const metric of ["devices.total", "devices.unauthorized", "devices.spoofed", "devices.kev", "devices.tier.critical", "devices.tier.high", "devices.tier.medium", "devices.tier.low", "alerts.open"]) put(metric, "", 0);
  const live = { status: { not: "retired" } };
  for (const g of await db.device.groupBy({ by: ["siteId", "riskTier"], where: live, _count: { _all: true } })) {
    const site = g.siteId ? `site:${g.siteId}` : null;
    for (const dim of ["", site]) if (dim !== null) {
      put("devices.total", dim, g._count._all);
      put(`devices.tier.${g.riskTier}`, dim, g._count._all);
    }
  }
  for (const g of await db.device.groupBy({ by: ["siteId"], where: { status: "unauthorized" }, _count: { _all: true } })) {
    put("devices.unauthorized", "", g._count._all);
    if (g.siteId) put("devices.unauthorized", `site:${g.siteId}`, g._count._all);
  }
  for (const g of await db.device.groupBy({ by: ["siteId"], where: { ...live, spoofSuspected: true }, _count: { _all: true } })) {
    put("devices.spoofed", "", g._count._all);
    if (g.siteId) put("devices.spoofed", `site:${g.siteId}`, g._count._all);
  }
  for (const g of await db.device.groupBy({ by: ["siteId"], where: { ...live, vulnerabilities: { some: { status: "affected", vulnerability: { kev: true } } } }, _count: { _all: true } })) {
    put("devices.kev", "", g._count._all);
    if (g.siteId) put("devices.kev", `site:${g.siteId}`, g._count._all);
  }
  for (const g of await db.device.groupBy({ by: ["category"], where: live, _count: { _all: true } })) put("devices.category", `category:${g.category}`, g._count._all);
  for (const g of await db.device.groupBy({ by: ["lastAgentId"], where: live, _count: { _all: true } })) if (g.lastAgentId) put("devices.coverage", `agent:${g.lastAgentId}`, g._count._all);
  for (const g of await db.device.groupBy({ by: ["segmentId"], where: live, _count: { _all: true } })) if (g.segmentId) put("devices.coverage", `segment:${g.segmentId}`, g._count._all);
  for (const g of await db.alert.groupBy({ by: ["kind"], where: { status: { not: "resolved" } }, _count: { _all: true } })) {
    put("alerts.open", "", g._count._all);
    put("alerts.open", `kind:${g.kind}`, g._count._all);
  }
  return out;
}

async function writeHistory(db: Db, provider: ReturnType<typeof providerOf>, connection: ReturnType<typeof sqliteConnectionOf>, now: Date, days: number, newPerDay: Map<string, number>, openedPerDay: Map<string, number>, rng: Rng): Promise<number> {
  const counts = await currentCounts(db);
  const metrics: Record<string, unknown>[] = [];
  for (let ago = 1; ago <= days; ago++) {
    const dayDate = new Date(now.getTime() - ago * 86_400_000);
    const day = utcDay(dayDate);
    for (const [key, value] of counts) {
      const [metric, dimension] = key.split("\u0000");
      const family = metric.startsWith("devices.tier.") && metric !== "devices.tier.critical" ? "devices.total" : metric;
      metrics.push({ day, metric, dimension, value: Math.max(0, Math.round(value * historyFactor(family, ago, rng()))), updatedAt: dayDate });
    }
    metrics.push({ day, metric: "devices.new", dimension: "", value: newPerDay.get(day) ?? 0, updatedAt: dayDate });
    metrics.push({ day, metric: "alerts.opened", dimension: "", value: openedPerDay.get(day) ?? 0, updatedAt: dayDate });
    metrics.push({ day, metric: "tally.refreshedAt", dimension: "", value: Date.parse(`${day}T23:55:00Z`), updatedAt: dayDate });
  }
  // Days already written (appending, or a second seed) keep their values.
  const days0 = new Set(metrics.map((m) => m.day as string));
  const taken = new Set((await db.dailyMetric.findMany({ where: { day: { in: [...days0] }, metric: "tally.refreshedAt" }, select: { day: true } })).map((m) => m.day));
  const fresh = metrics.filter((m) => !taken.has(m.day as string));
  for (let i = 0; i < fresh.length; i += 20_000) {
    const chunk = fresh.slice(i, i + 20_000);
    await db.$transaction(async (tx) => insertRows({ db: tx, provider, connection }, "DailyMetric", METRIC_COLUMNS, chunk), { timeout: 120_000 });
  }
  return fresh.length;
}

export type { DevicePlan };
