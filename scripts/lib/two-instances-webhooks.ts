// The webhook part of npm run test:two-instances: a subscription made before the servers start,
// alerts raised through both instances, and a receiver that must get every alert exactly once,
// signed, however the two instances' fan-out and delivery jobs interleave.
import { randomBytes } from "node:crypto";
import { createWebhook } from "../../lib/commands/webhooks";
import type { Db } from "../../lib/db/client";
import { FAN_OUT_CURSOR } from "../../lib/outbound/fan-out";
import { startWebhookReceiver, type Receiver } from "./webhook-receiver";
import { sleep } from "./server-process";

export type WebhookCheck = { receiver: Receiver; env: Record<string, string> };

/** The receiver and the subscription; `env` gives both servers the session secret the webhook's secret is sealed under. */
export async function prepareWebhookCheck(db: Db): Promise<WebhookCheck> {
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
  const receiver = await startWebhookReceiver();
  const { secret } = await createWebhook(db, { name: "two-instances receiver", url: receiver.url("/hook"), kinds: ["new_device"], minSeverity: "info" }, { system: "two-instances" });
  receiver.secret("/hook", secret);
  return { receiver, env: { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET, OUTBOUND_EVERY_MS: "1000" } };
}

/** Waits for the servers' first fan-out pass, which starts the cursor: alerts before it are history. */
export async function waitForFanOutStart(db: Db, deadlineMs = 60_000) {
  const until = Date.now() + deadlineMs;
  while (!(await db.setting.findUnique({ where: { key: FAN_OUT_CURSOR } }))) {
    if (Date.now() > until) throw new Error("no fan-out pass ran on either server");
    await sleep(250);
  }
}

/** Every new-device alert reached the receiver exactly once, verified; problems in words. */
export async function checkWebhookDeliveries(db: Db, check: WebhookCheck, deadlineMs = 90_000): Promise<{ alerts: number; received: number; problems: string[] }> {
  const expected = new Set((await db.alert.findMany({ where: { kind: "new_device" }, select: { id: true } })).map((a) => `alert:${a.id}`));
  const until = Date.now() + deadlineMs;
  const got = () => new Set(check.receiver.received.map((r) => r.event.id));
  while ([...expected].some((id) => !got().has(id)) && Date.now() < until) await sleep(500);
  await sleep(3_000); // a duplicate, if any, would arrive now
  const ids = check.receiver.received.map((r) => r.event.id);
  const problems: string[] = [];
  const missing = [...expected].filter((id) => !ids.includes(id));
  if (missing.length) problems.push(`webhooks: ${missing.length} of ${expected.size} alerts never arrived`);
  const twice = ids.length - new Set(ids).size;
  if (twice) problems.push(`webhooks: ${twice} events arrived more than once`);
  const unverified = check.receiver.received.filter((r) => r.verified !== true).length;
  if (unverified) problems.push(`webhooks: ${unverified} deliveries failed the signature check`);
  return { alerts: expected.size, received: ids.length, problems };
}
