// Posts a simulated hospital's reports to a running server, as real agents would: one loop per
// agent, retries with the same reportId (the server stores a report once), 429 honoured.
import { gzipSync } from "node:zlib";
import { buildHospital, type HospitalOptions } from "./hospital";
import type { AgentReport, ReportAnswer } from "./protocol";
import { buildReports } from "./reports";

export type SimulationOptions = HospitalOptions & {
  url: string;
  tokens: string[];
  interval?: number;
  once?: boolean;
  gzip?: boolean;
  runTag?: string;
  log?: (line: string) => void;
  signal?: AbortSignal;
};

export type Totals = { rounds: number; reports: number; accepted: number; newDevices: number; updatedDevices: number; alerts: number; duplicates: number; errors: Record<string, number> };

const MAX_ATTEMPTS = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ReportRejected extends Error {
  constructor(readonly status: number, readonly body: string) {
    super(`report refused with ${status}: ${body.slice(0, 300)}`);
  }
}

/** Posts one report; retries network failures and 429 with the same body, so at most one copy is stored. */
export async function postReport(url: string, token: string, report: AgentReport, gzip = false): Promise<ReportAnswer> {
  const json = JSON.stringify(report);
  const body = gzip ? gzipSync(json) : json;
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, "content-type": "application/json", ...(gzip ? { "content-encoding": "gzip" } : {}) };
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(`${url.replace(/\/$/, "")}/api/v1/reports`, { method: "POST", headers, body });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS) throw error;
      await sleep(500 * attempt);
      continue;
    }
    const text = await res.text();
    if (res.status === 202 || res.status === 200) return JSON.parse(text) as ReportAnswer;
    if ((res.status === 429 || res.status >= 500) && attempt < MAX_ATTEMPTS) {
      await sleep(Math.min(60, Number(res.headers.get("retry-after")) || attempt) * 1000);
      continue;
    }
    throw new ReportRejected(res.status, text);
  }
}

function add(totals: Totals, answer: ReportAnswer) {
  totals.reports += 1;
  totals.accepted += answer.accepted;
  totals.newDevices += answer.devices.new;
  totals.updatedDevices += answer.devices.updated;
  totals.alerts += answer.alerts;
  if (answer.duplicate) totals.duplicates += 1;
}

export async function runSimulation(options: SimulationOptions): Promise<Totals> {
  if (options.tokens.length === 0) throw new Error("at least one agent token is needed");
  const hospital = buildHospital(options);
  const runTag = options.runTag ?? `sim${Date.now().toString(36)}`;
  const totals: Totals = { rounds: 0, reports: 0, accepted: 0, newDevices: 0, updatedDevices: 0, alerts: 0, duplicates: 0, errors: {} };
  for (let round = 0; !options.signal?.aborted; round++) {
    const started = Date.now();
    await Promise.all(
      hospital.agents.map(async (agent) => {
        const token = options.tokens[agent.index % options.tokens.length];
        for (const report of buildReports(hospital, { agent: agent.index, round, runTag })) {
          try {
            add(totals, await postReport(options.url, token, report, options.gzip));
          } catch (error) {
            const key = error instanceof ReportRejected ? String(error.status) : "network";
            totals.errors[key] = (totals.errors[key] ?? 0) + 1;
            options.log?.(`agent ${agent.hostname}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }),
    );
    totals.rounds += 1;
    options.log?.(`round ${round + 1}: ${totals.reports} reports, ${totals.accepted} observations accepted, ${totals.newDevices} new / ${totals.updatedDevices} updated devices, ${totals.alerts} alerts, errors ${JSON.stringify(totals.errors)}`);
    if (options.once) break;
    await sleep(Math.max(0, (options.interval ?? 60) * 1000 - (Date.now() - started)));
  }
  return totals;
}
