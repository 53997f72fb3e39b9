// A site's learning period (Settings → Sites): while it runs, new devices at that site are
// inventoried with no "new device" alert each; unauthorized and spoof alerts still fire, other
// sites are not affected, and when it ends (or is turned off) new devices alert again. Audited.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createPolicy } from "@/lib/commands/policy-editing";
import { MAX_LEARNING_DAYS, setSiteLearning } from "@/lib/commands/site-settings";
import { enrol, postReport, pump, report } from "./agent-api";

const db = () => getDb();
const actor = { system: "test-admin" };
const siteNamed = (name: string) => db().site.findUniqueOrThrow({ where: { name } });
const deviceOf = (n: number) => db().device.findFirstOrThrow({ where: { claimedHostname: `INFUSION-4N-${n}` } });
const alertsOf = (deviceId: string, kind: string) => db().alert.count({ where: { deviceId, kind } });

describe("a site's learning period", () => {
  it("inventories new devices without a new-device alert, still raises unauthorized ones, and only at that site", async () => {
    const learner = await enrol("host-learn", "Learning Campus");
    const other = await enrol("host-learn-other", "Busy Campus");
    // A first report makes the sites; then the learning period starts at one of them.
    await postReport(learner.token, report([pump(9001)]));
    await postReport(other.token, report([pump(9101)]));
    const site = await siteNamed("Learning Campus");
    const result = await setSiteLearning(db(), site.id, { days: 14 }, actor);
    expect(result.changed).toBe(true);
    const until = (await siteNamed("Learning Campus")).learningUntil!;
    expect(until.getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "site.learning", targetId: site.id } });
    expect(audit).toMatchObject({ actorLabel: "test-admin", before: { learningUntil: null }, after: { learningUntil: until.toISOString(), days: 14 } });

    // Only ventilators are allowed here: a new pump is unauthorized, and says so, learning or not.
    await createPolicy(db(), { kind: "baseline", name: "Ventilators only", siteId: site.id, rules: { categories: ["ventilator"] } }, actor);
    const answer = await postReport(learner.token, report([pump(9002), pump(9003)]));
    expect(answer.status).toBe(202);
    expect(answer.body.devices.new).toBe(2);
    for (const n of [9002, 9003]) {
      const device = await deviceOf(n);
      expect(device.status).toBe("unauthorized");
      expect(await alertsOf(device.id, "new_device")).toBe(0);
      expect(await alertsOf(device.id, "unauthorized")).toBe(1);
    }
    // The other site does not learn: its new devices alert as before.
    await postReport(other.token, report([pump(9102)]));
    expect(await alertsOf((await deviceOf(9102)).id, "new_device")).toBe(1);

    // Turned off: the next new device alerts again, and that is audited too.
    expect((await setSiteLearning(db(), site.id, { days: 0 }, actor)).changed).toBe(true);
    expect((await siteNamed("Learning Campus")).learningUntil).toBeNull();
    await postReport(learner.token, report([pump(9004)]));
    expect(await alertsOf((await deviceOf(9004)).id, "new_device")).toBe(1);
    expect(await db().auditLog.count({ where: { action: "site.learning", targetId: site.id } })).toBe(2);
    // Off again is no change, and no audit row.
    expect((await setSiteLearning(db(), site.id, { days: 0 }, actor)).changed).toBe(false);
    expect(await db().auditLog.count({ where: { action: "site.learning", targetId: site.id } })).toBe(2);
  });

  it("ends by itself: a period in the past withholds nothing", async () => {
    const agent = await enrol("host-learn-past", "Learned Campus");
    await postReport(agent.token, report([pump(9201)]));
    const site = await siteNamed("Learned Campus");
    await db().site.update({ where: { id: site.id }, data: { learningUntil: new Date(Date.now() - 60_000) } });
    await postReport(agent.token, report([pump(9202)]));
    expect(await alertsOf((await deviceOf(9202)).id, "new_device")).toBe(1);
  });

  it("refuses a bad length, changing nothing", async () => {
    const agent = await enrol("host-learn-bad", "Careful Campus");
    await postReport(agent.token, report([pump(9301)]));
    const site = await siteNamed("Careful Campus");
    for (const days of [-1, MAX_LEARNING_DAYS + 1, 2.5, "soon"]) {
      await expect(setSiteLearning(db(), site.id, { days }, actor)).rejects.toMatchObject({ status: 400, code: "invalid_learning" });
    }
    await expect(setSiteLearning(db(), "no-such-site", { days: 7 }, actor)).rejects.toMatchObject({ status: 404 });
    expect((await siteNamed("Careful Campus")).learningUntil).toBeNull();
    expect(await db().auditLog.count({ where: { action: "site.learning", targetId: site.id } })).toBe(0);
  });
});
