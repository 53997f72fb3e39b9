// Retention: old observations are deleted day by day after their rollup; trends survive.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { applyRetention, retentionDays } from "@/lib/jobs/retention";
import { enrol, postReport, pump, report } from "./agent-api";

const db = () => getDb();
const at = (iso: string) => new Date(iso).toISOString();

describe("observation retention", () => {
  it("rolls up each old day, deletes its observations, keeps recent ones, and is idempotent", async () => {
    const [a, b] = [await enrol(), await enrol()];
    // Two days long ago, from two agents; and today.
    await postReport(a.token, report([pump(1, { observedAt: at("2026-01-10T08:00:00Z") }), pump(2, { observedAt: at("2026-01-10T09:00:00Z") })], { sentAt: at("2026-01-10T09:00:00Z") }));
    await postReport(b.token, report([pump(1, { observedAt: at("2026-01-10T10:00:00Z") })], { sentAt: at("2026-01-10T10:00:00Z") }));
    await postReport(a.token, report([pump(3, { observedAt: at("2026-01-11T10:00:00Z") })], { sentAt: at("2026-01-11T10:00:00Z") }));
    await postReport(a.token, report([pump(1)]));
    expect(await db().observation.count()).toBe(5);

    const now = new Date();
    const result = await applyRetention(db(), { days: 30, now });
    expect(result).toEqual({ days: ["2026-01-10", "2026-01-11"], deleted: 4 });
    expect(await db().observation.count()).toBe(1);
    const metric = async (day: string, name: string, dimension = "") => (await db().dailyMetric.findUnique({ where: { day_metric_dimension: { day, metric: name, dimension } } }))?.value;
    expect(await metric("2026-01-10", "observations")).toBe(3);
    expect(await metric("2026-01-10", "devices.seen")).toBe(2);
    expect(await metric("2026-01-10", "observations", `agent:${a.id}`)).toBe(2);
    expect(await metric("2026-01-10", "devices.seen", `agent:${b.id}`)).toBe(1);
    expect(await metric("2026-01-11", "observations")).toBe(1);

    expect(await applyRetention(db(), { days: 30, now })).toEqual({ days: [], deleted: 0 });
    expect(await metric("2026-01-10", "observations")).toBe(3);
  });

  it("reads OBSERVATION_RETENTION_DAYS and refuses nonsense", () => {
    expect(retentionDays({})).toBe(90);
    expect(retentionDays({ OBSERVATION_RETENTION_DAYS: "400" })).toBe(400);
    expect(() => retentionDays({ OBSERVATION_RETENTION_DAYS: "0" })).toThrow(/at least 1/);
    expect(() => retentionDays({ OBSERVATION_RETENTION_DAYS: "ninety" })).toThrow(/whole number/);
  });
});
