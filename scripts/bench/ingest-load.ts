// Agents reporting at a steady rate while something else is measured (bench:views --with-ingest):
// a hospital's dashboard is read while its sensors keep posting, so the views are timed under
// that write load, not on an idle database. Unlike bench:ingest, which posts back to back to find
// the ceiling, each agent here keeps its own timer: a post slower than its slot delays the next
// one (which then starts at once), and the shortfall shows in the achieved rate.
import { MAX_OBSERVATIONS } from "../../lib/domain/protocol/agent-report";
import { benchObservation } from "./observations";
import { percentile } from "./percentile";

export type IngestResult = {
  agents: number;
  targetObsPerSec: number;
  obsPerSec: number;
  reportsPerSec: number;
  reportP95Ms: number;
  reportMaxMs: number;
  errors: number;
  firstError?: string;
};

type Options = { base: string; tokens: string[]; obsPerSecond: number; devicesPerAgent: number };
type Counters = { obs: number; reports: number; errors: number; firstError?: string; latencies: number[] };

function reportBody(agentIndex: number, serial: number, offset: number, batch: number, devicesPerAgent: number) {
  const now = new Date();
  const observations = Array.from({ length: batch }, (_, i) => benchObservation(agentIndex, (offset + i) % devicesPerAgent, now));
  // Unique per run too: a reportId seen before is answered from the agent's replay record.
  const reportId = `views-load-${agentIndex}-${serial}-${Date.now()}`;
  return JSON.stringify({ schema: "iomt.agent-report/v1", reportId, sentAt: now.toISOString(), agent: { version: "bench", hostname: `views-load-${agentIndex}` }, mode: "delta", observations });
}

async function post(base: string, token: string, body: string, batch: number, counters: Counters) {
  const started = performance.now();
  try {
    const res = await fetch(`${base}/api/v1/reports`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body });
    const text = await res.text();
    counters.latencies.push(performance.now() - started);
    if (res.status === 202) {
      counters.obs += batch;
      counters.reports += 1;
      return;
    }
    counters.errors += 1;
    counters.firstError ??= `${res.status} ${text.slice(0, 300)}`;
  } catch (error) {
    counters.errors += 1;
    counters.firstError ??= `no answer: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Starts `tokens.length` agents posting `obsPerSecond` observations per second in all, each about
 * one report a second, each cycling through its own `devicesPerAgent` devices (after the first
 * round every report updates devices already known, as a sensor's do). `stop()` lets the posts in
 * flight finish and reports what was achieved.
 */
export function startIngestLoad({ base, tokens, obsPerSecond, devicesPerAgent }: Options): { firstRound: Promise<void>; measureFromNow(): void; stop(): Promise<IngestResult> } {
  const perAgent = obsPerSecond / tokens.length;
  const batch = Math.max(1, Math.min(MAX_OBSERVATIONS, Math.round(perAgent)));
  const intervalMs = (batch / perAgent) * 1000;
  const noCounts = (): Counters => ({ obs: 0, reports: 0, errors: 0, latencies: [] });
  let counters = noCounts();
  const started = performance.now();
  let measuredFrom = started;
  let running = true;
  // Each agent's first round creates its devices; after it, reports update devices already known.
  let roundsLeft = tokens.length;
  let firstRoundDone = () => {};
  const firstRound = new Promise<void>((resolve) => (firstRoundDone = resolve));
  const wakers = new Set<() => void>();
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const wake = () => { clearTimeout(timer); wakers.delete(wake); resolve(); };
    const timer = setTimeout(wake, ms);
    wakers.add(wake);
  });

  const agent = async (token: string, agentIndex: number) => {
    // Staggered starts, so the agents' posts do not all arrive in the same instant.
    let due = started + (intervalMs * agentIndex) / tokens.length;
    let roundDone = false;
    for (let serial = 0, offset = 0; running; serial++, offset = (offset + batch) % devicesPerAgent) {
      await pause(due - performance.now());
      if (!running) break;
      due += intervalMs;
      await post(base, token, reportBody(agentIndex, serial, offset, batch, devicesPerAgent), batch, counters);
      if (!roundDone && offset + batch >= devicesPerAgent) {
        roundDone = true;
        if (--roundsLeft === 0) firstRoundDone();
      }
      // Late: the next post starts now, with no burst to catch up.
      due = Math.max(due, performance.now());
    }
  };
  const loops = tokens.map(agent);

  return {
    firstRound,
    measureFromNow: () => {
      counters = noCounts();
      measuredFrom = performance.now();
    },
    stop: async () => {
      running = false;
      for (const wake of [...wakers]) wake();
      await Promise.all(loops);
      const seconds = (performance.now() - measuredFrom) / 1000;
      const round = (n: number) => Math.round(n * 10) / 10;
      const latencies = [...counters.latencies].sort((a, b) => a - b);
      return {
        agents: tokens.length,
        targetObsPerSec: obsPerSecond,
        obsPerSec: round(counters.obs / seconds),
        reportsPerSec: round(counters.reports / seconds),
        reportP95Ms: round(percentile(latencies, 95)),
        reportMaxMs: round(latencies.at(-1) ?? 0),
        errors: counters.errors,
        firstError: counters.firstError,
      };
    },
  };
}

/** The achieved load in one line for a person (the first error's text included, which the JSON line leaves out). */
export function describeIngest(ingest: IngestResult): string {
  return (
    `ingest: ${ingest.agents} agents, ${ingest.obsPerSec} of ${ingest.targetObsPerSec} observations/s, ${ingest.reportsPerSec} reports/s, ` +
    `report p95 ${ingest.reportP95Ms} ms, max ${ingest.reportMaxMs} ms, ${ingest.errors} errors${ingest.firstError ? ` (first: ${ingest.firstError})` : ""}`
  );
}
