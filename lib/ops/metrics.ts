// Prometheus metrics of this instance (prom-client): ingestion counters and latency, and, read
// from the database at scrape time, open alerts and agents online (the same on every instance:
// a dashboard takes them from any one). Counters are per instance, as Prometheus expects; sum
// them across instances.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { getDb } from "../db/client";

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "iomt_" });
  const reports = new Counter({ name: "iomt_reports_total", help: "Agent reports by outcome (accepted, duplicate, rejected) and rejection reason", labelNames: ["outcome", "reason"], registers: [registry] });
  const observations = new Counter({ name: "iomt_observations_total", help: "Observations in agent reports by outcome (accepted, rejected)", labelNames: ["outcome"], registers: [registry] });
  const ingestSeconds = new Histogram({ name: "iomt_ingest_duration_seconds", help: "Time to answer an agent report, by outcome", labelNames: ["outcome"], buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });
  new Gauge({
    name: "iomt_open_alerts",
    help: "Alerts not yet resolved, by severity",
    labelNames: ["severity"],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await getDb().alert.groupBy({ by: ["severity"], where: { status: { not: "resolved" } }, _count: true });
      for (const r of rows) this.set({ severity: r.severity }, r._count);
    },
  });
  new Gauge({
    name: "iomt_agents_online",
    help: "Agents not revoked that reported within twice their expected interval (at most 1 h)",
    registers: [registry],
    async collect() {
      const since = new Date(Date.now() - 3_600_000);
      const agents = await getDb().agent.findMany({ where: { revokedAt: null, lastSeenAt: { gte: since } }, select: { lastSeenAt: true, expectedInterval: true } });
      this.set(agents.filter((a) => Date.now() - a.lastSeenAt!.getTime() <= 2 * a.expectedInterval * 1000).length);
    },
  });
  return { registry, reports, observations, ingestSeconds };
}

// One registry per process, even if bundling loads this module more than once.
const holder = globalThis as unknown as { __iomtMetrics?: ReturnType<typeof create> };
export const metrics = () => (holder.__iomtMetrics ??= create());

export function recordReport(outcome: "accepted" | "duplicate" | "rejected", seconds: number, observationCount: number, reason = "") {
  const m = metrics();
  m.reports.inc({ outcome, reason });
  m.ingestSeconds.observe({ outcome }, seconds);
  if (observationCount > 0) m.observations.inc({ outcome: outcome === "rejected" ? "rejected" : "accepted" }, outcome === "duplicate" ? 0 : observationCount);
}
