// The outage test (issue 13, item 3): the real agent, as a child process, reports to the real
// route handler behind a real HTTP server. The server goes away, the devices change, the agent is
// killed (SIGKILL) and restarted while the server is still away, then the server comes back on the
// same port: every device observed arrives, every report is stored exactly once, nothing twice.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { POST } from "@/app/api/v1/reports/route";
import { enrol } from "./agent-api";

type Received = { reportId: string; mode: string; observations: { mac: string; action: string }[]; status: number };

const received: Received[] = [];
let server: Server | undefined;
let port = 0;
let agent: ChildProcess | undefined;
let dir = "";

async function handle(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
  const response = await POST(new Request(`http://localhost${req.url}`, { method: "POST", headers, body: raw }));
  const body = JSON.parse(gunzipSync(raw).toString("utf8"));
  received.push({
    reportId: body.reportId,
    mode: body.mode,
    observations: body.observations.map((o: { claimed?: { mac?: string }; action?: string }) => ({ mac: o.claimed?.mac ?? "", action: o.action ?? "seen" })),
    status: response.status,
  });
  res.writeHead(response.status, { "content-type": "application/json" });
  res.end(await response.text());
}

/** Listens on the same port every time (0 the first time: an ephemeral one, kept for the restarts). */
async function serverUp() {
  server = createServer((req, res) => void handle(req, res).catch((e) => res.writeHead(500).end(String(e))));
  await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
}

async function serverDown() {
  const s = server!;
  server = undefined;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
}

const mac = (n: number) => `00:09:fb:00:01:${n.toString(16).padStart(2, "0")}`;
const arpTable = (devices: number[]) =>
  ["IP address       HW type     Flags       HW address            Mask     Device", ...devices.map((n) => `10.20.4.${n}     0x1         0x2         ${mac(n)}     *        eth0`)].join("\n") + "\n";

function startAgent(configPath: string, token: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "agent/main.ts", "--config", configPath], {
    cwd: process.cwd(),
    env: { ...process.env, IOMT_AGENT_TOKEN: token },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    if (process.env.AGENT_TEST_VERBOSE) process.stderr.write(chunk);
  });
  return child;
}

const spooled = async () => (await readdir(join(dir, "spool"))).filter((name) => name.endsWith(".json.gz"));

async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

afterAll(async () => {
  agent?.kill("SIGKILL");
  if (server) await serverDown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the agent through a server outage and its own crash", () => {
  it("delivers every observation exactly once", { timeout: 90_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), "agent-outage-"));
    const arpPath = join(dir, "arp");
    const configPath = join(dir, "agent.json");
    const { token, id: agentId } = await enrol("sensor-outage");
    await writeFile(arpPath, arpTable([1, 2, 3]));
    await serverUp();
    const config = {
      url: `http://127.0.0.1:${port}`,
      segment: "ICU-VLAN-20",
      hostname: "sensor-outage",
      intervalSeconds: 5,
      spool: { dir: "spool" },
      send: { timeoutSeconds: 5, maxBackoffSeconds: 1 },
      log: { level: "debug" },
      collectors: {
        usb: { enabled: false },
        typingRate: { enabled: false },
        snmp: { enabled: false },
        capture: { enabled: false },
        neighbours: { enabled: true, source: "proc", arpPath, ownInterfaces: false },
      },
    };
    await writeFile(configPath, JSON.stringify(config));

    // 1. Up: the first snapshot arrives.
    agent = startAgent(configPath, token);
    await waitFor("the first report", () => received.some((r) => r.status === 202), 20_000);
    // The server stores before it answers: wait until the agent has heard the answer, too.
    await waitFor("the first report out of the spool", async () => (await spooled()).length === 0, 5_000);

    // 2. Down: devices come and go; the reports pile up in the spool.
    await serverDown();
    await writeFile(arpPath, arpTable([1, 2, 3, 4, 5]));
    await waitFor("a delta spooled", async () => (await spooled()).length >= 1, 12_000);
    await writeFile(arpPath, arpTable([2, 3, 4, 5, 6, 7]));
    await waitFor("a second delta spooled", async () => (await spooled()).length >= 2, 12_000);
    expect(received).toHaveLength(1); // nothing got through while the server was away

    // 3. Crash, and a restart while the server is still away: the spool survives, the restart snapshots.
    agent.kill("SIGKILL");
    await new Promise((resolve) => agent!.once("exit", resolve));
    const beforeRestart = (await spooled()).length;
    await writeFile(arpPath, arpTable([2, 3, 4, 5, 6, 7, 8]));
    agent = startAgent(configPath, token);
    await waitFor("the restart's snapshot spooled", async () => (await spooled()).length > beforeRestart, 20_000);

    // 4. Back: the agent empties its spool on its own.
    await serverUp();
    await waitFor("an empty spool", async () => (await spooled()).length === 0, 30_000);
    agent.kill("SIGTERM");
    const exitCode = await new Promise((resolve) => agent!.once("exit", resolve));
    expect(exitCode).toBe(0);

    const db = getDb();
    const stored = await db.report.findMany({ where: { agentId }, select: { reportId: true, observationCount: true } });
    const accepted = received.filter((r) => r.status === 202);
    // Stored exactly once: one row per reportId the server took, and every id it took is stored.
    expect(new Set(stored.map((r) => r.reportId)).size).toBe(stored.length);
    expect(stored.map((r) => r.reportId).sort()).toEqual(accepted.map((r) => r.reportId).sort());
    expect(received.every((r) => r.status === 202 || r.status === 200)).toBe(true);
    expect(await readdir(join(dir, "spool", "refused"))).toEqual([]);
    // Reports made while the server was away arrived (the two deltas and the restart's snapshot at least).
    expect(accepted.length).toBeGreaterThanOrEqual(4);

    // Every observation once: the observations stored are exactly those of the distinct reports accepted.
    const sent = accepted.reduce((sum, r) => sum + r.observations.length, 0);
    expect(await db.observation.count({ where: { agentId } })).toBe(sent);
    expect(stored.reduce((sum, r) => sum + r.observationCount, 0)).toBe(sent);

    // Every device seen, none twice; the one that left was reported removed.
    const macs = [1, 2, 3, 4, 5, 6, 7, 8].map(mac);
    const identifiers = await db.deviceIdentifier.findMany({ where: { kind: "mac" }, select: { value: true, deviceId: true } });
    expect(identifiers.map((i) => i.value).sort()).toEqual(macs);
    expect(new Set(identifiers.map((i) => i.deviceId)).size).toBe(8);
    expect(await db.device.count()).toBe(8);
    expect(accepted.some((r) => r.observations.some((o) => o.mac === mac(1) && o.action === "removed"))).toBe(true);
    expect(accepted.filter((r) => r.mode === "snapshot").length).toBeGreaterThanOrEqual(2);
    // The spooled reports went out in the order they were made: snapshot, the deltas, the restart's snapshot.
    const firstSeen = (n: number) => accepted.findIndex((r) => r.observations.some((o) => o.mac === mac(n)));
    expect([firstSeen(1), firstSeen(4), firstSeen(6), firstSeen(8)]).toEqual([0, 1, expect.any(Number), accepted.length - 1]);
    expect(firstSeen(6)).toBeGreaterThanOrEqual(1);
    expect(firstSeen(6)).toBeLessThan(accepted.length - 1);
  });
});
