// One batch of the large seed's devices (lib/tools/seed/large-estate.ts), as ingestion would have
// written them: each device run through ingestion's own evidence and row functions, with its
// identity keys, fingerprints, observations and the day's report per agent, its alerts and, for
// a few, a risk acceptance. The whole batch is written in one transaction.
import { bulkInsert, bulkTarget, type Columns } from "../../db/bulk";
import { DEVICE_COLUMN_TYPES, FINGERPRINT_COLUMNS, IDENTIFIER_COLUMNS, OBSERVATION_COLUMNS } from "../../db/device-columns";
import type { Db } from "../../db/client";
import { newRowId } from "../../db/row-ids";
import { deviceCreateData } from "../../domain/identity/device-rows";
import type { Evidence, IdentityKey } from "../../domain/identity/evidence";
import { fingerprintHash } from "../../domain/identity/fingerprint";
import type { Decision } from "../../domain/identity/verdict";
import { planAlerts, utcDay, type DevicePlan } from "./estate-plan";
import type { Place } from "./estate-places";
import type { Rng } from "../simulator/prng";

export const ACCEPTANCES = 200;
const DEPARTMENTS = ["Intensive care", "Emergency", "Radiology", "Laboratory", "Surgery", "Cardiology", "Oncology", "Pharmacy", "Administration", "Facilities"];
const ALERT_TITLES: Record<string, string> = {
  unauthorized: "Unauthorized",
  spoof: "Possible spoof",
  fingerprint_changed: "Physical fingerprint changed",
  new_device: "New device",
  device_silent: "Device silent",
};

const DEVICE_COLUMNS = DEVICE_COLUMN_TYPES;
// The seed gives each fingerprint its count of sightings.
const SEEDED_FINGERPRINT_COLUMNS: Columns = { ...FINGERPRINT_COLUMNS, seenCount: "int" };
const REPORT_COLUMNS: Columns = { id: "text", agentId: "text", reportId: "text", sentAt: "date", receivedAt: "date", mode: "text", observationCount: "int", answer: "json" };
const ALERT_COLUMNS: Columns = { id: "text", kind: "text", severity: "text", title: "text", detail: "json", deviceId: "text", openKey: "text", status: "text", count: "int", firstAt: "date", lastAt: "date", acknowledgedAt: "date", acknowledgedById: "text", resolvedAt: "date", resolvedById: "text" };
const ACCEPTANCE_COLUMNS: Columns = { id: "text", deviceId: "text", acceptedById: "text", owner: "text", reason: "text", expiresAt: "date", createdAt: "date" };

/** What every batch shares: the random source, the seed's clock and user, and what it counted so far. */
export type SeedRun = {
  rng: Rng; now: Date; seed: number; devices: number; userId: string;
  newPerDay: Map<string, number>; openedPerDay: Map<string, number>; acceptances: number;
};
/** A device about to be written: its plan, its place, and what ingestion made of its observation. */
export type PlannedDevice = { plan: DevicePlan; place: Place; evidence: Evidence };

type Row = Record<string, unknown>;

/** An earlier fingerprint for a device whose fingerprint changed: one attribute different. */
function earlierAttributes(attributes: Record<string, string | number | boolean>) {
  const key = Object.keys(attributes).find((k) => typeof attributes[k] === "number") ?? Object.keys(attributes)[0];
  const value = attributes[key];
  return { ...attributes, [key]: typeof value === "number" ? value + 7 : `${String(value)}-old` };
}

export class EstateBatch {
  readonly devices: Row[] = [];
  readonly identifiers: Row[] = [];
  readonly fingerprints: Row[] = [];
  readonly observations: Row[] = [];
  readonly alerts: Row[] = [];
  readonly accepted: Row[] = [];
  readonly reports = new Map<string, Row>();

  /** `start`: the batch's first device's index in the hospital (names its reports). */
  constructor(private readonly run: SeedRun, private readonly start: number) {}

  /** Adds a device with the identity keys not taken yet, and everything written with it. */
  add({ plan, place, evidence: e }: PlannedDevice, keys: IdentityKey[]) {
    const { rng, now } = this.run;
    const id = newRowId();
    const fingerprintId = e.fingerprint ? newRowId() : null;
    const accept = plan.status !== "retired" && this.run.acceptances < ACCEPTANCES && rng() < (ACCEPTANCES * 1.5) / this.run.devices;
    const acceptedUntil = accept ? new Date(now.getTime() + (30 + rng() * 300) * 86_400_000) : null;
    this.devices.push(this.deviceRow(id, plan, place, e, fingerprintId, acceptedUntil));
    for (const k of keys) this.identifiers.push({ ...k, deviceId: id, createdAt: plan.firstSeenAt });
    this.addFingerprints(id, plan, e, fingerprintId);
    this.addObservations(id, plan, place, e);
    this.addAlerts(id, plan, e);
    if (acceptedUntil) {
      this.run.acceptances += 1;
      this.accepted.push({ id: newRowId(), deviceId: id, acceptedById: this.run.userId, owner: "Biomedical engineering", reason: "Vendor patch not yet validated; device on an isolated VLAN with NAC quarantine.", expiresAt: acceptedUntil, createdAt: now });
    }
    const first = utcDay(plan.firstSeenAt);
    this.run.newPerDay.set(first, (this.run.newPerDay.get(first) ?? 0) + 1);
  }

  private deviceRow(id: string, plan: DevicePlan, place: Place, e: Evidence, fingerprintId: string | null, acceptedUntil: Date | null): Row {
    const { rng, now } = this.run;
    const decision = { latest: e, fingerprint: null, spoofs: [], status: null, alerts: [] } as unknown as Decision;
    const base = deviceCreateData(id, decision, place.siteId, place.segmentId, place.agentId, plan.lastSeenAt) as Row;
    return {
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
    };
  }

  private addFingerprints(id: string, plan: DevicePlan, e: Evidence, fingerprintId: string | null) {
    if (!e.fingerprint || !fingerprintId) return;
    const channel = e.observation.channel;
    if (plan.fingerprintChanged) {
      const attributes = earlierAttributes(e.fingerprint.attributes);
      this.fingerprints.push({ id: newRowId(), deviceId: id, hash: fingerprintHash(attributes), attributes, channel, verdict: "initial", similarity: null, firstSeenAt: plan.firstSeenAt, lastSeenAt: plan.observedAt.at(-1), seenCount: 1 });
    }
    this.fingerprints.push({ id: fingerprintId, deviceId: id, hash: e.fingerprint.hash, attributes: e.fingerprint.attributes, channel, verdict: plan.fingerprintChanged ? "changed" : "initial", similarity: plan.fingerprintChanged ? 0.62 : null, firstSeenAt: plan.firstSeenAt, lastSeenAt: plan.lastSeenAt, seenCount: plan.observedAt.length });
  }

  /** One observation per sighting, each in its agent's report of that day. */
  private addObservations(id: string, plan: DevicePlan, place: Place, e: Evidence) {
    plan.observedAt.forEach((at, i) => {
      const reportKey = `${place.agentId}|${utcDay(at)}`;
      let report = this.reports.get(reportKey);
      if (!report) {
        report = { id: newRowId(), agentId: place.agentId, reportId: `seed-${this.run.seed}-${this.start}-${this.reports.size}`, sentAt: at, receivedAt: at, mode: "snapshot", observationCount: 0, answer: { accepted: 0 } };
        this.reports.set(reportKey, report);
      }
      report.observationCount = (report.observationCount as number) + 1;
      const o = e.observation;
      // The newest observation in full; older ones with what they claimed (keeps 1M devices
      // to a few GB while the device detail still has a history to show).
      this.observations.push({
        id: newRowId(), deviceId: id, agentId: place.agentId, reportId: report.id, observedAt: at, receivedAt: at, channel: o.channel, action: "seen",
        segment: e.segment, ip: o.claimed?.ip ?? null, claimed: o.claimed ?? null,
        physical: i === 0 ? (o.physical ?? null) : null, network: i === 0 ? (o.network ?? null) : null, software: i === 0 ? (o.software ?? null) : null,
      });
    });
  }

  private addAlerts(id: string, plan: DevicePlan, e: Evidence) {
    const { rng, now, userId } = this.run;
    for (const a of planAlerts(rng, plan, now)) {
      this.alerts.push({
        id: newRowId(), kind: a.kind, severity: a.severity, title: `${ALERT_TITLES[a.kind] ?? a.kind}: ${e.displayName}`, detail: { seeded: true, category: e.category },
        deviceId: id, openKey: a.status === "resolved" ? null : `${a.kind}:${id}`, status: a.status, count: a.count, firstAt: a.firstAt, lastAt: a.lastAt,
        acknowledgedAt: a.acknowledgedAt, acknowledgedById: a.acknowledgedAt ? userId : null, resolvedAt: a.resolvedAt, resolvedById: a.resolvedAt ? userId : null,
      });
      const day = utcDay(a.firstAt);
      this.run.openedPerDay.set(day, (this.run.openedPerDay.get(day) ?? 0) + 1);
    }
  }

  /** Writes the batch in one transaction; returns the rows written per table. */
  async write(db: Db): Promise<Record<string, number>> {
    const tables: [string, Columns, Row[]][] = [
      ["Device", DEVICE_COLUMNS, this.devices],
      ["DeviceIdentifier", IDENTIFIER_COLUMNS, this.identifiers],
      ["Fingerprint", SEEDED_FINGERPRINT_COLUMNS, this.fingerprints],
      ["Report", REPORT_COLUMNS, [...this.reports.values()]],
      ["Observation", OBSERVATION_COLUMNS, this.observations],
      ["Alert", ALERT_COLUMNS, this.alerts],
      ["RiskAcceptance", ACCEPTANCE_COLUMNS, this.accepted],
    ];
    await db.$transaction(async (tx) => {
      for (const [table, columns, rows] of tables) await bulkInsert(bulkTarget(db, tx), table, columns, rows);
    }, { timeout: 600_000, maxWait: 60_000 });
    return Object.fromEntries(tables.map(([table, , rows]) => [table, rows.length]));
  }
}
