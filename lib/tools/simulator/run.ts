// Posts a simulated hospital's reports to a running server, as real agents would: agents in
// parallel, each agent's reports in order, a snapshot first and then deltas, retries that reuse
// the reportId, 429 honoured. Stops at the first refused report: a wrong token or a body the
// server rejects will be refused again.
import { buildHospital, type HospitalOptions } from "./hospital";
import { abortableSleep, postReport, type PostOutcome, type Sleep } from "./post";
import { buildReports, type ReportMode } from "./reports";

export type SimulationOptions = HospitalOptions & {
  url: string;
  /** One per agent; with fewer tokens than agents they are reused round robin. */
  tokens: string[];
  /** Seconds from the start of one round to the start of the next (default 60). */
  interval?: number;
  /** One round only (a snapshot). */
  once?: boolean;
  /** Stop after this many rounds (default: until `signal` aborts). */
  rounds?: number;
  /** Every n-th round is a snapshot, the others deltas (default 10). */
  snapshotEvery?: number;
  gzip?: boolean;
  /** Prefix of every reportId (default: new per run, so a re-run is not a replay). */
  runTag?: string;
  log?: (line: string) => void;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  sleep?: Sleep;
  now?: () => Date;
  maxAttempts?: number;
};

export type Totals = {
  rounds: number;
  reports: number;
  accepted: number;
  newDevices: number;
  updatedDevices: number;
  alerts: number;
  duplicates: number;
  /** Final failures by status ("401", "429", "network", …). */
  errors: Record<string, number>;
  /** Retries that happened on the way, by cause; these reports may still have been stored. */
  retries: Record<string, number>;
  /** Reports refused with a 4xx other than 429: the run fails. */
  rejected: number;
  /** Reports given up on after the last retry (network, 5xx, 429 without end). */
  undelivered: number;
};

export const emptyTotals = (): Totals => ({ rounds: 0, reports: 0, accepted: 0, newDevices: 0, updatedDevices: 0, alerts: 0, duplicates: 0, errors: {}, retries: {}, rejected: 0, undelivered: 0 });

const bump = (counts: Record<string, number>, key: string, by = 1) => (counts[key] = (counts[key] ?? 0) + by);

function record(t: Totals, outcome: PostOutcome) {
  for (const r of outcome.retries) bump(t.retries, r);
  if (outcome.kind === "stored") {
    t.reports += 1;
    t.accepted += outcome.answer.accepted;
    t.newDevices += outcome.answer.devices.new;
    t.updatedDevices += outcome.answer.devices.updated;
    t.alerts += outcome.answer.alerts;
    if (outcome.answer.duplicate) t.duplicates += 1;
  } else if (outcome.kind === "refused") {
    t.rejected += 1;
    bump(t.errors, String(outcome.status));
  } else if (outcome.kind === "undelivered") {
    t.undelivered += 1;
    bump(t.errors, outcome.reason);
  }
}

function add(into: Totals, t: Totals) {
  for (const key of ["reports", "accepted", "newDevices", "updatedDevices", "alerts", "duplicates", "rejected", "undelivered"] as const) into[key] += t[key];
  for (const [k, n] of Object.entries(t.errors)) bump(into.errors, k, n);
  for (const [k, n] of Object.entries(t.retries)) bump(into.retries, k, n);
}

const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([k, n]) => `${k}×${n}`)
    .join(", ") || "none";

export function roundSummary(round: number, mode: ReportMode, t: Totals): string {
  return `round ${round + 1} (${mode}): ${t.reports} reports stored${t.duplicates ? ` (${t.duplicates} duplicates)` : ""}, ${t.accepted} observations accepted, devices ${t.newDevices} new / ${t.updatedDevices} updated, ${t.alerts} alerts, errors ${counts(t.errors)}, retries ${counts(t.retries)}`;
}

export function modeOf(round: number, snapshotEvery = 10): ReportMode {
  return round % Math.max(1, snapshotEvery) === 0 ? "snapshot" : "delta";
}

type Round = { hospital: ReturnType<typeof buildHospital>; round: number; mode: ReportMode; runTag: string };

async function runRound(options: SimulationOptions, { hospital, round, mode, runTag }: Round): Promise<Totals> {
  const totals = emptyTotals();
  const now = options.now?.() ?? new Date();
  await Promise.all(
    hospital.agents.map(async (agent) => {
      const token = options.tokens[agent.index % options.tokens.length];
      for (const report of buildReports(hospital, { agent: agent.index, round, now, mode, runTag })) {
        const outcome = await postReport(report, { ...options, token });
        record(totals, outcome);
        if (outcome.kind === "refused" || outcome.kind === "undelivered") {
          const why = outcome.kind === "refused" ? `${outcome.status} ${outcome.message}` : `${outcome.reason} ${outcome.detail}`;
          options.log?.(`${agent.hostname} ${report.reportId}: ${outcome.kind}: ${why}`);
        }
        // Later parts of the round make no sense without the earlier ones.
        if (outcome.kind !== "stored") break;
      }
    }),
  );
  return totals;
}

export async function runSimulation(options: SimulationOptions): Promise<Totals> {
  if (options.tokens.length === 0) throw new Error("at least one agent token is needed");
  const hospital = buildHospital(options);
  const runTag = options.runTag ?? `sim${Date.now().toString(36)}`;
  const sleep = options.sleep ?? abortableSleep;
  const lastRound = options.once ? 1 : (options.rounds ?? Infinity);
  const totals = emptyTotals();
  for (let round = 0; round < lastRound && !options.signal?.aborted; round++) {
    const started = Date.now();
    const mode = modeOf(round, options.snapshotEvery);
    const roundTotals = await runRound(options, { hospital, round, mode, runTag });
    add(totals, roundTotals);
    totals.rounds += 1;
    options.log?.(roundSummary(round, mode, roundTotals));
    if (totals.rejected > 0 || round + 1 >= lastRound) break;
    await sleep(Math.max(0, (options.interval ?? 60) * 1000 - (Date.now() - started)), options.signal);
  }
  return totals;
}
