// One report cycle: ask every collector (each with a time limit, none able to stop the others),
// keep only observations the server's own schema accepts (a bad one becomes a problem of the
// collector that made it, so one odd value cannot get every report refused forever), merge the
// partial observations, write the segment, decide snapshot or delta, and build the reports.
import { randomUUID } from "node:crypto";
import { MAX_PROBLEMS_PER_COLLECTOR } from "../lib/domain/protocol/agent-health";
import { observationSchema, REPORT_SCHEMA_ID, reportSchema } from "../lib/domain/protocol/agent-report";
import type { AgentObservation, Collector, CollectorHealth, CollectorName, CollectorProblem } from "./collectors/types";
import { formatIssues } from "./config";
import type { DeltaTracker, ReportPlan } from "./delta";
import { mergeObservations, type MergedObservation } from "./merge";
import type { SpoolHealth } from "./spool";
import { AGENT_VERSION } from "./version";

/** One entry of the agent's health: a collector's, or enforcement's ("enforce", agent/enforce). */
export type HealthEntry = Omit<CollectorHealth, "name"> & { name: CollectorName | "enforce" };

/** The report as the agent sends it: the protocol's body plus the agent's health (protocol extensions). */
export type OutgoingReport = {
  schema: typeof REPORT_SCHEMA_ID;
  reportId: string;
  sentAt: string;
  agent: { version: string; hostname: string; collectors: HealthEntry[]; spool?: SpoolHealth };
  mode: "snapshot" | "delta";
  observations: AgentObservation[];
};

export type CycleOptions = {
  collectors: Collector[];
  tracker: DeltaTracker;
  hostname: string;
  /** Written on ethernet/wifi observations that name no segment. */
  segment?: string;
  collectTimeoutMs: number;
  spoolHealth?: () => Promise<SpoolHealth>;
  /** Health entries that are not collectors' (enforcement), added after theirs. */
  extraHealth?: () => HealthEntry[];
  now?: () => Date;
  newReportId?: () => string;
};

/** `notes`: what collectors said that is worth a log line but is not a problem (uplink ports left out). */
export type CycleResult = { reports: OutgoingReport[]; plan: ReportPlan; health: HealthEntry[]; notes: string[] };

const MAX_MESSAGE = 512;

/** Runs one cycle; the caller spools the reports and then commits the plan (see agent.ts). */
export async function runCycle(options: CycleOptions): Promise<CycleResult> {
  const now = (options.now ?? (() => new Date()))();
  const gathered = await Promise.all(options.collectors.map((collector) => collectOne(collector, now, options.collectTimeoutMs)));
  const healthy = new Map(gathered.map((g) => [g.name, g]));
  const valid = gathered.flatMap((g) => keepValid(g.observations, (problem) => g.problems.push(problem)).map((observation) => ({ source: g.name, observation })));
  const merged = mergeObservations(valid).map((m) => withSegment(m, options.segment));
  const kept = keepValidMerged(merged, (source, problem) => healthy.get(source)?.problems.push(problem));
  const plan = options.tracker.plan(kept, now);
  const counts = countBySource(kept);
  const health: HealthEntry[] = gathered.map((g) => toHealth(g.name, g.problems, counts.get(g.name) ?? 0));
  if (options.extraHealth) health.push(...options.extraHealth().map((h) => toHealth(h.name, h.problems, h.observations)));
  const spool = options.spoolHealth ? await options.spoolHealth() : undefined;
  const newId = options.newReportId ?? randomUUID;
  const reports = plan.batches.map((observations) => buildReport({ observations, mode: plan.mode, hostname: options.hostname, health, spool, now, reportId: newId() }));
  return { reports, plan, health, notes: gathered.flatMap((g) => g.notes.map((note) => `${g.name}: ${note}`)) };
}

type Gathered = { name: CollectorName; observations: AgentObservation[]; problems: CollectorProblem[]; notes: string[] };

/** A collector that throws or hangs gives a problem, not an exception. */
async function collectOne(collector: Collector, now: Date, timeoutMs: number): Promise<Gathered> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  });
  try {
    const result = await Promise.race([collector.collect(now), timeout]);
    return { name: collector.name, observations: [...result.observations], problems: [...result.problems], notes: result.notes ?? [] };
  } catch (error) {
    return { name: collector.name, observations: [], problems: [{ message: `collector failed: ${(error as Error)?.message ?? String(error)}` }], notes: [] };
  } finally {
    clearTimeout(timer);
  }
}

/** Where a bad observation came from, in words a person can look for. */
const describeObservation = (o: AgentObservation) =>
  o.claimed?.mac ?? o.physical?.usb?.port ?? o.claimed?.serialNumber ?? o.physical?.ethernet?.switchPort ?? "observation";

function keepValid(observations: AgentObservation[], problem: (p: CollectorProblem) => void): AgentObservation[] {
  return observations.filter((observation) => {
    const parsed = observationSchema.safeParse(observation);
    if (!parsed.success) problem({ where: describeObservation(observation), message: `observation dropped: ${formatIssues(parsed.error).replace(/\n/g, "; ")}` });
    return parsed.success;
  });
}

/** Merging two valid halves can still break a bound (a measurement group over 16 KiB): check again. */
function keepValidMerged(merged: MergedObservation[], problem: (source: CollectorName, p: CollectorProblem) => void): MergedObservation[] {
  return merged.filter((m) => {
    const parsed = observationSchema.safeParse(m.observation);
    if (parsed.success) return true;
    const message = `merged observation dropped: ${formatIssues(parsed.error).replace(/\n/g, "; ")}`;
    for (const source of m.sources) problem(source, { where: describeObservation(m.observation), message });
    return false;
  });
}

/**
 * Every observation names the agent's segment unless a collector wrote one (SNMP may place a MAC
 * elsewhere): USB devices too, since they are plugged into this host on that segment, and an agent
 * enrolled for segments has observations that name none refused (protocol: the agent's lane).
 */
function withSegment(m: MergedObservation, segment: string | undefined): MergedObservation {
  const o = m.observation;
  if (!segment || o.network?.segment) return m;
  return { ...m, observation: { ...o, network: { ...o.network, segment } } };
}

function countBySource(merged: MergedObservation[]): Map<CollectorName, number> {
  const counts = new Map<CollectorName, number>();
  for (const m of merged) for (const source of m.sources) counts.set(source, (counts.get(source) ?? 0) + 1);
  return counts;
}

/**
 * Bounded as the protocol's health extension says (a health block over its bounds is ignored
 * whole by the server): a collector failing on 500 devices sends 19 problems and a count.
 */
function toHealth(name: HealthEntry["name"], problems: CollectorProblem[], observations: number): HealthEntry {
  const fits = problems.length <= MAX_PROBLEMS_PER_COLLECTOR;
  const kept = fits ? problems : problems.slice(0, MAX_PROBLEMS_PER_COLLECTOR - 1);
  const shown = kept.map((p) => ({ ...(p.where ? { where: p.where.slice(0, 256) } : {}), message: p.message.slice(0, MAX_MESSAGE) }));
  if (!fits) shown.push({ message: `and ${problems.length - kept.length} more problems` });
  return { name, ok: problems.length === 0, observations, problems: shown };
}

type BuildInput = { observations: AgentObservation[]; mode: "snapshot" | "delta"; hostname: string; health: HealthEntry[]; spool?: SpoolHealth; now: Date; reportId: string };

/** Builds one report and checks it against the server's schema before it is spooled. */
export function buildReport(input: BuildInput): OutgoingReport {
  const report: OutgoingReport = {
    schema: REPORT_SCHEMA_ID,
    reportId: input.reportId,
    sentAt: input.now.toISOString(),
    agent: { version: AGENT_VERSION, hostname: input.hostname, collectors: input.health, ...(input.spool ? { spool: input.spool } : {}) },
    mode: input.mode,
    observations: input.observations,
  };
  const parsed = reportSchema.safeParse(report);
  if (!parsed.success) throw new Error(`the agent built a report the server would refuse: ${formatIssues(parsed.error)}`);
  return report;
}
