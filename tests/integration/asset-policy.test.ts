// Issue 16: "unregistered devices are not allowed" (a baseline's registeredOnly). A shadow device
// at such a site becomes unauthorized with the reason "not in the asset register", and returns to
// pending once linked with a register entry: decided by the policy's own re-evaluation, by the
// reconciliation for devices whose link changed or that are new, and by ingestion for the rest.
import { describe, expect, it } from "vitest";
import { createPolicy } from "@/lib/commands/policy-editing";
import { unlinkAsset } from "@/lib/commands/asset-links";
import { getDb } from "@/lib/db/client";
import { assetKeysOf } from "@/lib/domain/assets/asset-keys";
import { reconcileChangedDevices, reconcileRegister } from "@/lib/jobs/asset-reconciliation";
import { runPolicyReevaluations } from "@/lib/jobs/policy-reevaluation";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser } from "./helpers";

const db = () => getDb();
const byHost = async (hostname: string) => {
  const { registerLink, ...device } = await db().device.findFirstOrThrow({ where: { claimedHostname: hostname }, include: { registerLink: true } });
  return { ...device, assetId: registerLink?.assetId ?? null };
};

describe("a site that allows only registered devices", () => {
  it("marks shadow devices unauthorized, returns a linked one to pending, and follows unlinks and new devices", async () => {
    const user = await makeUser("admin");
    const actor = { id: user.id, email: user.email };
    const { token } = await enrol("sensor-registered-only", "Registered Campus");
    await postReport(token, report([pump(0x5101), pump(0x5102)]));
    const site = await db().site.findUniqueOrThrow({ where: { name: "Registered Campus" } });
    const source = await db().assetSource.create({ data: { name: "Nuvolo" } });
    await reconcileRegister(db());

    // The policy's own re-evaluation: both devices are shadows.
    await createPolicy(db(), { kind: "baseline", name: "Registered only", siteId: site.id, rules: { registeredOnly: true } }, actor);
    await runPolicyReevaluations(db());
    const first = await byHost("INFUSION-4N-20737");
    expect(first).toMatchObject({ status: "unauthorized", statusRule: "baseline.registered" });
    expect(first.statusReason).toBe("Registered only: not in the asset register");
    expect(await db().alert.count({ where: { deviceId: first.id, kind: "unauthorized", status: "open" } })).toBe(1);

    // Registered: the reconciliation links it and it returns to pending; the other stays unauthorized.
    const entry = await db().asset.create({ data: { sourceId: source.id, assetTag: "INF-5101", ...assetKeysOf({ assetTag: "INF-5101", mac: first.claimedMac }) } });
    await reconcileRegister(db());
    expect(await byHost("INFUSION-4N-20737")).toMatchObject({ status: "pending", assetId: entry.id });
    expect((await byHost("INFUSION-4N-20738")).status).toBe("unauthorized");

    // A report of the linked device keeps it pending; of the shadow one keeps it unauthorized.
    await postReport(token, report([pump(0x5101), pump(0x5102)]));
    expect((await byHost("INFUSION-4N-20737")).status).toBe("pending");
    expect((await byHost("INFUSION-4N-20738")).status).toBe("unauthorized");

    // Unlinked by a person: a shadow again.
    await unlinkAsset(db(), { assetId: entry.id, reason: "not this pump" }, actor);
    expect(await byHost("INFUSION-4N-20737")).toMatchObject({ status: "unauthorized", assetId: null });

    // A new device: pending on its first report (its registration is not known yet), then the
    // incremental reconciliation finds it in no register.
    await postReport(token, report([pump(0x5103)]));
    expect((await byHost("INFUSION-4N-20739")).status).toBe("pending");
    await reconcileChangedDevices(db());
    expect(await byHost("INFUSION-4N-20739")).toMatchObject({ status: "unauthorized", statusReason: "Registered only: not in the asset register" });
  });

  it("leaves sites without the rule alone", async () => {
    const { token } = await enrol("sensor-free-site", "Free Campus");
    await postReport(token, report([pump(0x5201)]));
    await reconcileChangedDevices(db());
    expect((await byHost("INFUSION-4N-20993")).status).toBe("pending");
  });
});
