// Webhooks end to end against a real HTTP receiver on 127.0.0.1: a report raises an alert, the
// fan-out queues it, the delivery job signs and posts it; retries, timeouts, dead letters,
// redelivery, test sends, the quarantine payload, and "once" with two workers and two fan-outs.
import { setTimeout as pause } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, getDb, type Db } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { createWebhook, redeliverMessage, setWebhookEnabled, testSendWebhook } from "@/lib/commands/webhooks";
import { decideDevices } from "@/lib/commands/device-decisions";
import { FAN_OUT_CURSOR, fanOut } from "@/lib/outbound/fan-out";
import { deliverDue, type DeliveryOptions } from "@/lib/outbound/delivery-job";
import { enqueueMessages } from "@/lib/db/outbound-sql";
import { testEvent } from "@/lib/domain/integrations/event-compose";
import { startWebhookReceiver, type Receiver } from "@/scripts/lib/webhook-receiver";
import { makeUser } from "./helpers";
import { enrol, postReport, pump, report } from "./agent-api";

let receiver: Receiver;
let actor: { id: string; email: string };
const FAST: DeliveryOptions = { retry: { firstDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 }, timeoutMs: 2_000 };

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "webhooks-test-session-secret-0123456789";
  receiver = await startWebhookReceiver();
  actor = await makeUser("admin");
  await fanOut(getDb()); // the first run only sets the cursor: nothing before it is replayed
});
afterAll(async () => receiver?.close());

async function subscribe(path: string, kinds: string[], minSeverity = "info") {
  const created = await createWebhook(getDb(), { name: `hook ${path}`, url: receiver.url(path), kinds, minSeverity }, actor);
  receiver.secret(path, created.secret);
  return created;
}

const messagesOf = (webhookId: string) => getDb().outboundMessage.findMany({ where: { webhookId }, include: { tries: { orderBy: { at: "asc" } } }, orderBy: { createdAt: "asc" } });
const at = (path: string) => receiver.received.filter((r) => r.path === path);

describe("webhooks", () => {
  it("an alert from a report reaches the receiver, signed with the secret shown once", async () => {
    const hook = await subscribe("/alerts", ["new_device"]);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const agent = await enrol();
    expect((await postReport(agent.token, report([pump(9001)]))).status).toBe(202);
    expect((await fanOut(getDb())).enqueued).toBe(1);
    await deliverDue(getDb(), FAST);

    const [got] = at("/alerts");
    expect(got.verified).toBe(true);
    expect(got.event).toMatchObject({ schema: "iomt.event/v1", type: "alert", kind: "new_device", device: { mac: "58:42:e4:00:23:29", switchPort: "sw-icu-2/Gi1/0/25", vlan: 20, segment: "ICU-VLAN-20" } });
    expect(got.headers).toMatchObject({ "content-type": "application/json", "x-iomt-event": "new_device", "x-iomt-event-id": got.event.id });
    const [message] = await messagesOf(hook.id);
    expect(got.headers["x-iomt-delivery"]).toBe(message.id);
    expect(message).toMatchObject({ status: "delivered", attempts: 1, eventKey: got.event.id });
    expect(message.tries).toMatchObject([{ ok: true, statusCode: 200, answer: "ok" }]);

    // The secret is sealed at rest and in no audit row.
    const row = await getDb().webhookSubscription.findUniqueOrThrow({ where: { id: hook.id } });
    expect(row.secretSealed).not.toContain(hook.secret.slice(6));
    const audits = await getDb().auditLog.findMany({ where: { targetId: hook.id } });
    expect(audits.map((a) => a.action)).toEqual(["webhook.create"]);
    expect(JSON.stringify(audits)).not.toContain(hook.secret.slice(6));
    expect(audits[0].after).toMatchObject({ url: `${new URL(receiver.url("/")).origin}/…`, kinds: ["new_device"] }); // a chat webhook's URL path is its credential
    await setWebhookEnabled(getDb(), hook.id, false, actor);
  });

  it("a 500 then a 200: delivered on the second try, both tries in the log", async () => {
    const hook = await subscribe("/flaky", ["new_device"]);
    receiver.answer("/flaky", { status: 500, body: "database down" }, { status: 200, body: "thanks" });
    await testSendWebhook(getDb(), hook.id, actor);
    await deliverDue(getDb(), FAST);
    expect((await messagesOf(hook.id))[0]).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500" });
    await pause(20);
    await deliverDue(getDb(), FAST);
    const [message] = await messagesOf(hook.id);
    expect(message).toMatchObject({ status: "delivered", attempts: 2 });
    expect(message.tries.map((t) => [t.statusCode, t.answer])).toEqual([[500, "database down"], [200, "thanks"]]);
    expect(new Set(at("/flaky").map((r) => r.headers["x-iomt-event-id"])).size).toBe(1);
    await setWebhookEnabled(getDb(), hook.id, false, actor);
  });

  it("a receiver that never answers: the try times out and is retried", async () => {
    const hook = await subscribe("/slow", ["new_device"]);
    receiver.answer("/slow", "hang", { status: 204 });
    await testSendWebhook(getDb(), hook.id, actor);
    await deliverDue(getDb(), { ...FAST, timeoutMs: 300 });
    let [message] = await messagesOf(hook.id);
    expect(message).toMatchObject({ status: "pending", attempts: 1 });
    expect(message.tries[0]).toMatchObject({ ok: false, statusCode: null, error: expect.stringContaining("timeout") });
    expect(message.tries[0].durationMs).toBeGreaterThanOrEqual(250);
    await pause(20);
    await deliverDue(getDb(), { ...FAST, timeoutMs: 300 });
    [message] = await messagesOf(hook.id);
    expect(message).toMatchObject({ status: "delivered", attempts: 2 });
    await setWebhookEnabled(getDb(), hook.id, false, actor);
  });

  it("always 500: dead after the last try; redeliver sends it again", async () => {
    const hook = await subscribe("/down", ["new_device"]);
    receiver.answer("/down", { status: 503 });
    await testSendWebhook(getDb(), hook.id, actor);
    for (let i = 0; i < 5; i++) {
      await deliverDue(getDb(), FAST);
      await pause(20);
    }
    let [message] = await messagesOf(hook.id);
    expect(message).toMatchObject({ status: "dead", attempts: 3, lastError: "HTTP 503; gave up after 3 tries" });
    expect(message.tries).toHaveLength(3);

    receiver.answer("/down", { status: 200 });
    await redeliverMessage(getDb(), message.id, actor);
    expect(await getDb().auditLog.count({ where: { action: "integration.redeliver", targetId: message.id } })).toBe(1);
    await deliverDue(getDb(), FAST);
    [message] = await messagesOf(hook.id);
    expect(message).toMatchObject({ status: "delivered", attempts: 1 });
    expect(message.tries).toHaveLength(4);
    await expect(redeliverMessage(getDb(), message.id, actor)).rejects.toMatchObject({ code: "not_dead" });
    await setWebhookEnabled(getDb(), hook.id, false, actor);
  });

  it("a 400: dead at once, since the receiver refused it", async () => {
    const hook = await subscribe("/refuses", ["new_device"]);
    receiver.answer("/refuses", { status: 400, body: "unknown schema" });
    await testSendWebhook(getDb(), hook.id, actor);
    await deliverDue(getDb(), FAST);
    const [message] = await messagesOf(hook.id);
    expect(message).toMatchObject({ status: "dead", attempts: 1, lastError: expect.stringContaining("refused it (HTTP 400)") });
    expect(message.tries).toMatchObject([{ statusCode: 400, answer: "unknown schema" }]);
    await setWebhookEnabled(getDb(), hook.id, false, actor);
  });

  it("test send: a signed test event, audited", async () => {
    const hook = await subscribe("/test", ["spoof"]);
    const { messageId } = await testSendWebhook(getDb(), hook.id, actor);
    await deliverDue(getDb(), FAST);
    const [got] = at("/test");
    expect(got).toMatchObject({ verified: true, event: { type: "test", kind: "test" } });
    expect(got.headers["x-iomt-delivery"]).toBe(messageId);
    expect(await getDb().auditLog.count({ where: { action: "integration.test_send", targetId: hook.id } })).toBe(1);
    await setWebhookEnabled(getDb(), hook.id, false, actor);
  });

  it("blocking a device sends the quarantine a NAC needs: MAC, switch port, VLAN, reason", async () => {
    const hook = await subscribe("/nac", ["device.blocked", "device.allowed"]);
    const agent = await enrol();
    await postReport(agent.token, report([pump(9101)]));
    const device = await getDb().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-9101" } });
    await decideDevices(getDb(), [device.id], { decision: "block", reason: "unknown pump on the ICU switch" }, actor);
    await fanOut(getDb());
    await deliverDue(getDb(), FAST);
    const [got] = at("/nac");
    expect(got.verified).toBe(true);
    expect(got.headers["x-iomt-event"]).toBe("device.blocked");
    expect(got.event).toMatchObject({
      type: "device.blocked", severity: "high",
      quarantine: { action: "block", mac: device.claimedMac, ip: device.claimedIp, switchPort: "sw-icu-2/Gi1/0/29", vlan: 20, reason: "unknown pump on the ICU switch", decidedBy: actor.email },
    });
    expect(at("/nac")).toHaveLength(1); // the "unauthorized" alert of the block is not a kind it chose
    await setWebhookEnabled(getDb(), hook.id, false, actor);
  });

  it("exactly once: two fan-outs and two delivery workers at once over 200 events", async () => {
    const second: Db = createDb(databaseConfig());
    try {
      const hook = await subscribe("/many", ["new_device"]);
      const agent = await enrol();
      const observations = Array.from({ length: 200 }, (_, i) => pump(20_000 + i));
      expect((await postReport(agent.token, report(observations))).status).toBe(202);
      const [a, b] = await Promise.all([fanOut(getDb()), fanOut(second)]);
      expect(a.enqueued + b.enqueued).toBe(200);
      expect(await getDb().outboundMessage.count({ where: { webhookId: hook.id } })).toBe(200);
      // The enqueue itself is idempotent, whatever the lookup before it saw.
      const again = (await messagesOf(hook.id)).slice(0, 5).map((m) => ({ destination: m.destination, webhookId: hook.id, syslogTargetId: null, event: m.payload as never }));
      expect(await enqueueMessages(getDb(), again, new Date())).toBe(0);

      const [w1, w2] = await Promise.all([
        deliverDue(getDb(), { ...FAST, claimer: "worker-1", batch: 10, maxBatches: 100 }),
        deliverDue(second, { ...FAST, claimer: "worker-2", batch: 10, maxBatches: 100 }),
      ]);
      expect(w1.tried + w2.tried).toBe(200);
      expect(Math.min(w1.tried, w2.tried)).toBeGreaterThan(0); // both really worked at once
      const ids = at("/many").map((r) => r.event.id);
      expect(ids).toHaveLength(200);
      expect(new Set(ids).size).toBe(200);
      expect(at("/many").every((r) => r.verified)).toBe(true);
      expect(await getDb().outboundMessage.count({ where: { webhookId: hook.id, status: "delivered" } })).toBe(200);
      expect(await getDb().outboundAttempt.count({ where: { message: { webhookId: hook.id } } })).toBe(200);
    } finally {
      await second.$disconnect();
    }
  });

  it("an alert that committed after a pass went by its time is still queued, within the 2-minute lookback", async () => {
    const hook = await subscribe("/late-commit", ["risk_jump"]);
    await getDb().webhookSubscription.update({ where: { id: hook.id }, data: { createdAt: new Date(Date.now() - 3_600_000) } });
    await fanOut(getDb()); // the cursor is now past the times below
    // As if the dashboard had been sending for an hour (the cursor's start bounds the lookback too).
    const cursor = await getDb().setting.findUniqueOrThrow({ where: { key: FAN_OUT_CURSOR } });
    await getDb().setting.update({ where: { key: FAN_OUT_CURSOR }, data: { value: JSON.stringify({ ...JSON.parse(cursor.value), since: new Date(Date.now() - 3_600_000).toISOString() }) } });
    const device = await getDb().device.findFirstOrThrow();
    const raise = (agoMs: number) => getDb().alert.create({ data: { kind: "risk_jump", severity: "high", title: `late by ${agoMs} ms`, deviceId: device.id, firstAt: new Date(Date.now() - agoMs) } });
    const late = await raise(30_000);
    const tooLate = await raise(600_000);
    await fanOut(getDb());
    const keys = (await messagesOf(hook.id)).map((m) => m.eventKey);
    expect(keys).toEqual([`alert:${late.id}`]);
    expect(keys).not.toContain(`alert:${tooLate.id}`);
    await setWebhookEnabled(getDb(), hook.id, false, actor);
  });

  it("a webhook created after an event does not receive it, and a test event is never fanned out", async () => {
    const agent = await enrol();
    await postReport(agent.token, report([pump(9201)]));
    await pause(5);
    const hook = await subscribe("/late", ["new_device", "audit"]);
    await fanOut(getDb());
    const kinds = (await messagesOf(hook.id)).map((m) => m.eventKind);
    expect(kinds).not.toContain("new_device");
    expect(kinds).not.toContain("test");
    expect(testEvent("x", new Date(), "t").type).toBe("test");
  });
});
