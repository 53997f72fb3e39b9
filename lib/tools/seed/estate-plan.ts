// Pure decisions of the large seed (scripts/seed-large.ts): who is unauthorized, spoofed, alerted,
// when a device was first and last seen, and how the 90-day history trends toward today.
// Deterministic for a given random source, so a test can check the proportions.
import type { Rng } from "../simulator/prng";

const DAY_MS = 86_400_000;

/** Shares of the estate, as a hospital's asset inventory typically shows them. */
export const SHARES = {
  unauthorized: 0.02,
  retired: 0.005,
  pending: 0.06,
  spoofSuspected: 0.003,
  fingerprintChanged: 0.03,
  /** Devices not seen for more than two days (switched off, moved, lost). */
  silent: 0.05,
  /** Extra alerts on ordinary devices (new device, device silent), on top of the ones above. */
  otherAlerts: 0.022,
} as const;

export type DevicePlan = {
  status: "authorized" | "pending" | "unauthorized" | "retired";
  spoofSuspected: boolean;
  fingerprintChanged: boolean;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Times of its observations, newest first (1 to 5, three on average), within the last 30 days. */
  observedAt: Date[];
};

export function planDevice(rng: Rng, now: Date): DevicePlan {
  const r = rng();
  const status = r < SHARES.unauthorized ? "unauthorized" : r < SHARES.unauthorized + SHARES.retired ? "retired" : r < SHARES.unauthorized + SHARES.retired + SHARES.pending ? "pending" : "authorized";
  const silent = rng() < SHARES.silent;
  const lastAgo = silent ? 2 * DAY_MS + rng() * 58 * DAY_MS : rng() * 6 * 3_600_000;
  const lastSeenAt = new Date(now.getTime() - lastAgo);
  // First sightings spread over the past year, a little denser recently (the estate grows).
  const firstAgo = Math.sqrt(rng()) * 365 * DAY_MS;
  const firstSeenAt = new Date(Math.min(lastSeenAt.getTime(), now.getTime() - firstAgo));
  const windowStart = Math.max(firstSeenAt.getTime(), now.getTime() - 30 * DAY_MS);
  const count = 1 + Math.floor(rng() * 5);
  const observedAt = [lastSeenAt];
  for (let i = 1; i < count && windowStart < lastSeenAt.getTime(); i++) observedAt.push(new Date(windowStart + rng() * (lastSeenAt.getTime() - windowStart)));
  observedAt.sort((a, b) => b.getTime() - a.getTime());
  return {
    status,
    spoofSuspected: status !== "retired" && rng() < SHARES.spoofSuspected,
    fingerprintChanged: rng() < SHARES.fingerprintChanged,
    firstSeenAt,
    lastSeenAt,
    observedAt,
  };
}

export type AlertPlan = { kind: string; severity: string; status: "open" | "acknowledged" | "resolved"; count: number; firstAt: Date; lastAt: Date; acknowledgedAt: Date | null; resolvedAt: Date | null };

/** The alerts a device has raised: one per reason, at most. */
export function planAlerts(rng: Rng, plan: DevicePlan, now: Date): AlertPlan[] {
  const kinds: [string, string][] = [];
  if (plan.status === "unauthorized") kinds.push(["unauthorized", "high"]);
  if (plan.spoofSuspected) kinds.push(["spoof", "critical"]);
  if (plan.fingerprintChanged && rng() < 0.5) kinds.push(["fingerprint_changed", "medium"]);
  if (rng() < SHARES.otherAlerts) kinds.push(plan.lastSeenAt.getTime() < now.getTime() - 2 * DAY_MS ? ["device_silent", "low"] : ["new_device", "info"]);
  return kinds.map(([kind, severity]) => {
    const firstAt = new Date(Math.max(plan.firstSeenAt.getTime(), now.getTime() - 30 * DAY_MS) + rng() * 3_600_000);
    const repeated = rng() < 0.3;
    const lastAt = repeated ? new Date(Math.min(now.getTime(), firstAt.getTime() + rng() * 7 * DAY_MS)) : firstAt;
    const s = rng();
    const status = s < 0.6 ? "open" : s < 0.8 ? "acknowledged" : "resolved";
    const handled = new Date(Math.min(now.getTime(), lastAt.getTime() + rng() * DAY_MS));
    return {
      kind,
      severity,
      status,
      count: repeated ? 2 + Math.floor(rng() * 19) : 1,
      firstAt,
      lastAt,
      acknowledgedAt: status === "open" ? null : handled,
      resolvedAt: status === "resolved" ? handled : null,
    };
  });
}

/** "YYYY-MM-DD" (UTC) of a date. */
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * How a metric stood `daysAgo` days before today, as a multiple of today's value: the estate
 * grows by about 15 % over 90 days; unauthorized, critical, KEV and open alerts come down as the
 * team works through them; small day-to-day noise on everything.
 */
export function historyFactor(metric: string, daysAgo: number, noise: number): number {
  const t = daysAgo / 90;
  const wobble = 1 + (noise * 2 - 1) * 0.03;
  if (metric === "devices.unauthorized") return (1 + 0.6 * t) * wobble;
  if (metric === "devices.tier.critical" || metric === "devices.kev") return (1 + 0.35 * t) * wobble;
  if (metric === "alerts.open") return (1 + 0.5 * t) * wobble;
  if (metric === "devices.spoofed") return (1 + 0.2 * t) * wobble;
  return (1 - 0.15 * t) * wobble;
}
