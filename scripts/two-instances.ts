// npm run test:two-instances   (PostgreSQL: DATABASE_URL names the server, default localhost)
// Two production servers on one PostgreSQL database, agents spread over both, as behind a load
// balancer. Checks that shared state lives in the database, not in a process:
//  - eight agents, half on each instance, report the same 150 new devices at the same moment,
//    three times: exactly 150 devices, one identity per MAC, every observation stored;
//  - one agent alternating between the instances is held to its rate limit in total;
//  - an agent's snapshot on one instance and the next on the other mark "not seen" correctly;
//  - a webhook made before they start receives every alert exactly once (scripts/lib/two-instances-webhooks.ts).
// Prints one JSON line; exits 1 on any problem.
import { enrolAgent } from "../lib/commands/agent-enrolment";
import { createDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrations";
import { scratchPostgres } from "../lib/db/scratch";
import { startServer, type Server } from "./lib/server-process";
import { checkWebhookDeliveries, prepareWebhookCheck, waitForFanOutStart, type WebhookCheck } from "./lib/two-instances-webhooks";

const SERVER = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : "postgresql://localhost:5432/postgres";
const PER_MINUTE = 20;
const DEVICES = 150;

let serial = 0;
const mac = (n: number) => `00:09:fb:${n.toString(16).padStart(6, "0").replace(/(..)(..)(..)/, "$1:$2:$3")}`;
function body(observations: unknown[], mode: "snapshot" | "delta" = "delta") {
  serial += 1;
  const now = new Date().toISOString();
  return JSON.stringify({ schema: "iomt.agent-report/v1", reportId: `two-instances-${serial}-${Date.now()}`, sentAt: now, mode, agent: { version: "1.0.0", hostname: "two-instances" }, observations });
}
const seen = (n: number, segment = "TWO-SEG") => ({ observedAt: new Date().toISOString(), channel: "ethernet", claimed: { mac: mac(n), hostname: `TWO-${n}` }, network: { segment } });

async function post(server: Server, token: string, payload: string): Promise<number> {
  const res = await fetch(`${server.base}/api/v1/reports`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: payload });
  await res.arrayBuffer();
  return res.status;
}

async function main() {
  const target = await scratchPostgres(SERVER, "iomt_two");
  const servers: Server[] = [];
  let hooks: WebhookCheck | undefined;
  try {
    await applyMigrations(target.config);
    const db = createDb(target.config);
    const agents = [];
    for (let i = 0; i < 10; i++) agents.push(await enrolAgent(db, { name: `two-instances-${i}`, expectedIntervalSeconds: 60 }, { system: "two-instances" }));
    hooks = await prepareWebhookCheck(db);
    const env = { AGENT_REPORTS_PER_MINUTE: String(PER_MINUTE), ...hooks.env };
    // One after the other: the first start applies migrations and creates the first administrator.
    servers.push(await startServer(3291, target.url, env));
    servers.push(await startServer(3292, target.url, env));
    const problems: string[] = [];
    await waitForFanOutStart(db);

    // 1. Concurrent first sightings of the same devices through both instances.
    const fleet = Array.from({ length: DEVICES }, (_, i) => seen(0x100000 + i));
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(agents.slice(0, 8).map((a, i) => post(servers[i % 2], a.token, body(fleet))));
      if (answers.some((s) => s !== 202)) problems.push(`round ${round}: answers ${answers.join(", ")}`);
    }
    const devices = await db.device.count({ where: { claimedMac: { startsWith: "00:09:fb:10" } } });
    const identities = await db.deviceIdentifier.count({ where: { kind: "mac", value: { startsWith: "00:09:fb:10" } } });
    const observations = await db.observation.count();
    if (devices !== DEVICES) problems.push(`${devices} devices for ${DEVICES} MACs`);
    if (identities !== DEVICES) problems.push(`${identities} MAC identities for ${DEVICES} MACs`);
    if (observations !== DEVICES * 8 * 3) problems.push(`${observations} observations, ${DEVICES * 8 * 3} sent`);

    // 2. One rate limit across both instances.
    const limited = agents[8];
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE + 10; i++) statuses.push(await post(servers[i % 2], limited.token, body([seen(0x200000 + i)])));
    const accepted = statuses.filter((s) => s === 202).length;
    if (accepted !== PER_MINUTE || statuses.filter((s) => s === 429).length !== 10) problems.push(`rate limit: ${accepted} accepted of ${statuses.length}, limit ${PER_MINUTE} per minute in total`);

    // 3. Snapshots through one instance, then the other.
    const scout = agents[9];
    await post(servers[0], scout.token, body([1, 2, 3, 4, 5, 6].map((n) => seen(0x300000 + n, "SNAP-SEG")), "snapshot"));
    await post(servers[1], scout.token, body([1, 2, 3].map((n) => seen(0x300000 + n, "SNAP-SEG")), "snapshot"));
    const gone = await db.device.count({ where: { claimedMac: { startsWith: "00:09:fb:30" }, notSeenAt: { not: null } } });
    if (gone !== 3) problems.push(`snapshot across instances: ${gone} devices marked not seen, 3 expected`);
    await post(servers[0], scout.token, body([seen(0x300004, "SNAP-SEG")]));
    const back = await db.device.findFirst({ where: { claimedMac: mac(0x300004) }, select: { notSeenAt: true } });
    if (back?.notSeenAt !== null) problems.push("a device seen again through the other instance is still marked not seen");

    const webhooks = await checkWebhookDeliveries(db, hooks);
    problems.push(...webhooks.problems);
    await db.$disconnect();
    console.log(JSON.stringify({ test: "two-instances", devices, identities, observations, rateLimited: { accepted, of: statuses.length }, snapshotsNotSeen: gone, webhooks: { alerts: webhooks.alerts, received: webhooks.received }, problems }));
    if (problems.length) process.exitCode = 1;
  } finally {
    for (const s of servers) s.signal("SIGTERM");
    await Promise.all(servers.map((s) => s.exited().catch(() => s.signal("SIGKILL"))));
    await hooks?.receiver.close();
    await target.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
