// Agents posting reports back to back at a server, for the scripts that prove what it survives
// (durability, command-line tools beside a serving dashboard). Every report is kept with its
// answer, so the caller can retry what went unanswered (same reportId, as the protocol says) and
// check the database afterwards.
import { sleep } from "./server-process";

export type Sent = { agent: number; reportId: string; body: string; observations: number; answer?: number; error?: string };
export type LoadAgent = { id: string; token: string };

export function agentLoad(base: string, tag: string) {
  let serial = 0;

  function makeReport(agent: number): Sent {
    serial += 1;
    const now = new Date().toISOString();
    const observations = Array.from({ length: 40 }, (_, i) => {
      // Half the devices are seen again and again, half are new: both paths are exercised.
      const n = i < 20 ? agent * 1000 + i : 100_000 + serial * 40 + i;
      const hex = n.toString(16).padStart(6, "0");
      return { observedAt: now, channel: "ethernet", claimed: { mac: `00:09:fb:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`, hostname: `${tag.toUpperCase()}-${n}` }, network: { segment: `${tag.toUpperCase()}-SEG-${agent}` } };
    });
    const reportId = `${tag}-${agent}-${serial}`;
    return { agent, reportId, observations: observations.length, body: JSON.stringify({ schema: "iomt.agent-report/v1", reportId, sentAt: now, agent: { version: "1.0.0", hostname: `${tag}-${agent}` }, observations }) };
  }

  /** The answer's status, or null when nothing answered (connection refused or reset). */
  async function send(agent: LoadAgent, r: Sent): Promise<number | null> {
    try {
      const res = await fetch(`${base}/api/v1/reports`, { method: "POST", headers: { authorization: `Bearer ${agent.token}`, "content-type": "application/json" }, body: r.body });
      const text = await res.text();
      if (res.status >= 300) r.error = text.slice(0, 300);
      return res.status;
    } catch {
      return null;
    }
  }

  /** Each agent posts reports back to back until `stop()`; unanswered ones are kept for retry. */
  function load(agents: LoadAgent[], sent: Sent[]) {
    let running = true;
    const loops = agents.map(async (agent, i) => {
      while (running) {
        const r = makeReport(i);
        sent.push(r);
        const status = await send(agent, r);
        if (status !== null) r.answer = status;
        else await sleep(100);
      }
    });
    return { stop: async () => { running = false; await Promise.all(loops); } };
  }

  async function retryUnanswered(agents: LoadAgent[], sent: Sent[]) {
    for (const r of sent.filter((x) => x.answer === undefined || x.answer >= 500)) {
      const status = await send(agents[r.agent], r);
      if (status === null) throw new Error(`retry of ${r.reportId} went unanswered`);
      r.answer = status;
    }
  }

  return { makeReport, send, load, retryUnanswered };
}
