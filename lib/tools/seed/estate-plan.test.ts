import { describe, expect, it } from "vitest";
import { mulberry32 } from "../simulator/prng";
import { historyFactor, planAlerts, planDevice, SHARES, utcDay } from "./estate-plan";

const now = new Date("2026-11-29T12:00:00Z");
const DAY = 86_400_000;

describe("large seed plan", () => {
  const rng = mulberry32(7);
  const plans = Array.from({ length: 50_000 }, () => planDevice(rng, now));
  const share = (f: (p: (typeof plans)[number]) => boolean) => plans.filter(f).length / plans.length;

  it("draws statuses, spoofing and fingerprint changes in the stated proportions", () => {
    expect(share((p) => p.status === "unauthorized")).toBeCloseTo(SHARES.unauthorized, 2);
    expect(share((p) => p.status === "retired")).toBeCloseTo(SHARES.retired, 2);
    expect(share((p) => p.status === "pending")).toBeCloseTo(SHARES.pending, 2);
    expect(share((p) => p.spoofSuspected)).toBeCloseTo(SHARES.spoofSuspected, 2);
    expect(share((p) => p.fingerprintChanged)).toBeCloseTo(SHARES.fingerprintChanged, 2);
    expect(plans.some((p) => p.status === "retired" && p.spoofSuspected)).toBe(false);
  });

  it("keeps times in order: first seen, observations within the last 30 days, last seen, never in the future", () => {
    // Plain comparisons collected first: 50,000 plans times several expect() calls is slow.
    const wrong = plans.filter((p) => {
      const times = p.observedAt.map((d) => d.getTime());
      const floor = Math.max(p.firstSeenAt.getTime(), now.getTime() - 30 * DAY);
      return (
        p.firstSeenAt > p.lastSeenAt ||
        p.lastSeenAt > now ||
        times[0] !== p.lastSeenAt.getTime() ||
        times.length < 1 ||
        times.length > 5 ||
        times.some((t, i) => i > 0 && (t > times[i - 1] || t < floor))
      );
    });
    expect(wrong).toEqual([]);
    const average = plans.reduce((n, p) => n + p.observedAt.length, 0) / plans.length;
    expect(average).toBeGreaterThan(2.5);
    expect(average).toBeLessThan(3.2);
  });

  it("raises about 5 % alerts, an unauthorized one for every unauthorized device, resolved ones without an open key's reason", () => {
    const alerts = plans.map((p) => ({ p, alerts: planAlerts(rng, p, now) }));
    const total = alerts.reduce((n, a) => n + a.alerts.length, 0) / plans.length;
    expect(total).toBeGreaterThan(0.035);
    expect(total).toBeLessThan(0.07);
    for (const { p, alerts: list } of alerts) {
      if (p.status === "unauthorized") expect(list.map((a) => a.kind)).toContain("unauthorized");
      expect(new Set(list.map((a) => a.kind)).size).toBe(list.length);
      for (const a of list) {
        expect(a.lastAt.getTime()).toBeGreaterThanOrEqual(a.firstAt.getTime());
        expect(a.resolvedAt === null).toBe(a.status !== "resolved");
        expect(a.acknowledgedAt === null).toBe(a.status === "open");
        expect(a.count).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("trends the history toward today: the estate grows, unauthorized and critical come down", () => {
    expect(historyFactor("devices.total", 90, 0.5)).toBeCloseTo(0.85, 5);
    expect(historyFactor("devices.unauthorized", 90, 0.5)).toBeCloseTo(1.6, 5);
    expect(historyFactor("devices.tier.critical", 0, 0.5)).toBeCloseTo(1, 5);
    expect(historyFactor("devices.total", 30, 1)).toBeLessThan(historyFactor("devices.total", 30, 0) * 1.1);
    expect(utcDay(now)).toBe("2026-11-29");
  });
});
