// Settings → Sites and segments: renaming, exposure classes and moves, as the commands and the
// server actions make them, and what ingestion and the risk refresh do with them afterwards.
import { storedBreakdown } from "@/lib/db/stored-breakdown";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { createPolicy } from "@/lib/commands/policy-editing";
import { moveSegment, renameSegment, renameSite, setSegmentExposure } from "@/lib/commands/site-settings";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { listSiteSettings } from "@/lib/queries/sites";
import { listPolicyRows } from "@/lib/queries/policies";
import { getWorkQueue } from "@/lib/queries/work-queue";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser, testSession as session } from "./helpers";

vi.mock("next-auth", async (original) => (await import("./helpers")).withTestSession(await original<object>()));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const actions = await import("@/app/(dashboard)/settings/sites/actions");

let admin = { id: "", email: "" };
let n = 100;
const db = () => getDb();

/** A new pump reported on `segment` by the agent with `token`; its device row. */
async function pumpOn(token: string, segment: string | null) {
  n += 1;
  const network = segment ? { segment, openPorts: [443] } : { openPorts: [443] };
  expect((await postReport(token, report([pump(n, { network })]))).status).toBe(202);
  return db().device.findFirstOrThrow({ where: { claimedHostname: `INFUSION-4N-${String(n).padStart(3, "0")}` } });
}

const segmentNamed = (name: string) => db().segment.findFirstOrThrow({ where: { name } });
const siteNamed = (name: string) => db().site.findUniqueOrThrow({ where: { name } });
const auditOf = (action: string, targetId: string) => db().auditLog.findMany({ where: { action, targetId }, orderBy: { at: "asc" } });
const newestBreakdown = async (deviceId: string) =>
  storedBreakdown(await db().riskScore.findFirstOrThrow({ where: { deviceId }, orderBy: { computedAt: "desc" }, include: { breakdownRow: true } })) as { exposure: { value: string; factor: number; source: string } };

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

type Role = "admin" | "analyst" | "engineer" | "viewer";
const people = {} as Record<Role, { id: string; email: string }>;

function signIn(role: Role) {
  session.current = { user: { id: people[role].id, email: people[role].email, role } };
}

beforeAll(async () => {
  process.env.AGENT_REPORTS_PER_MINUTE = "100000";
  const user = await makeUser("admin", "site-admin@test.local");
  admin = { id: user.id, email: user.email };
  people.admin = admin;
  for (const role of ["analyst", "engineer", "viewer"] as const) people[role] = await makeUser(role);
});

describe("renaming a site", () => {
  it("renames the default site, and agents without a site keep landing in it", async () => {
    const first = await pumpOn((await enrol()).token, null);
    const site = await db().site.findUniqueOrThrow({ where: { id: first.siteId! } });
    expect(site).toMatchObject({ key: "default", name: "Default site" });

    expect(await renameSite(db(), site.id, { name: "  Main campus " }, admin)).toMatchObject({ changed: true, site: { name: "Main campus" } });
    expect(await auditOf("site.rename", site.id)).toMatchObject([{ actorId: admin.id, actorLabel: admin.email, before: { name: "Default site" }, after: { name: "Main campus" } }]);

    const later = await pumpOn((await enrol()).token, null);
    expect(later.siteId).toBe(site.id);
    expect(await db().site.count({ where: { name: "Default site" } })).toBe(0);
  });

  it("the same name again changes nothing; a name taken is a 409; a bad name a 400, and nothing changes", async () => {
    await enrol(undefined, "North clinic");
    const main = await siteNamed("Main campus");
    const audits = await db().auditLog.count();
    expect(await renameSite(db(), main.id, { name: "Main campus" }, admin)).toMatchObject({ changed: false });
    await expect(renameSite(db(), main.id, { name: "North clinic" }, admin)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('A site named "North clinic" already exists') });
    for (const name of ["", "   ", "a\u0000b", "two\nlines", "x".repeat(121), 42]) {
      await expect(renameSite(db(), main.id, { name }, admin), JSON.stringify(name)).rejects.toMatchObject({ status: 400, code: "invalid_site" });
    }
    await expect(renameSite(db(), "no-such-site", { name: "Anything" }, admin)).rejects.toMatchObject({ status: 404 });
    expect((await db().site.findUniqueOrThrow({ where: { id: main.id } })).name).toBe("Main campus");
    expect(await db().auditLog.count()).toBe(audits);
  });
});

describe("renaming a segment", () => {
  it("shows the label, and ingestion still finds the segment by the name its agents report", async () => {
    const { token } = await enrol();
    const device = await pumpOn(token, "ICU-VLAN-20");
    const segment = await segmentNamed("ICU-VLAN-20");
    expect(await renameSegment(db(), segment.id, { label: "ICU 2 North" }, admin)).toMatchObject({ changed: true, segment: { label: "ICU 2 North", name: "ICU-VLAN-20" } });
    expect(await auditOf("segment.rename", segment.id)).toMatchObject([{ before: { label: null, reportedName: "ICU-VLAN-20" }, after: { label: "ICU 2 North" } }]);

    const again = await pumpOn(token, "ICU-VLAN-20");
    expect(again.segmentId).toBe(segment.id);
    expect((await db().device.findUniqueOrThrow({ where: { id: device.id } })).segmentId).toBe(segment.id);
    expect(await db().segment.count({ where: { name: "ICU-VLAN-20" } })).toBe(1);

    // The same label again is no change; an empty label (or the reported name) goes back to the reported name.
    expect(await renameSegment(db(), segment.id, { label: "ICU 2 North" }, admin)).toMatchObject({ changed: false });
    expect(await renameSegment(db(), segment.id, { label: "  " }, admin)).toMatchObject({ changed: true, segment: { label: null } });
    expect(await renameSegment(db(), segment.id, { label: "" }, admin)).toMatchObject({ changed: false });
    expect(await renameSegment(db(), segment.id, { label: "ICU-VLAN-20" }, admin)).toMatchObject({ changed: false });
    expect(await auditOf("segment.rename", segment.id)).toHaveLength(2);
    await expect(renameSegment(db(), segment.id, { label: "\u001b[31mred" }, admin)).rejects.toMatchObject({ status: 400 });
    await expect(renameSegment(db(), "no-such-segment", { label: "x" }, admin)).rejects.toMatchObject({ status: 404 });
  });

  it("the views that name a device's place read the label: the work queue and the policies", async () => {
    const { token } = await enrol();
    await pumpOn(token, "LABEL-VLAN-77");
    const segment = await segmentNamed("LABEL-VLAN-77");
    await renameSegment(db(), segment.id, { label: "Oncology day unit" }, admin);
    await createPolicy(db(), { kind: "baseline", name: "Oncology ventilators only", segmentId: segment.id, rules: { categories: ["ventilator"] } }, admin);
    const device = await pumpOn(token, "LABEL-VLAN-77");
    expect(device.status).toBe("unauthorized");
    expect((await getWorkQueue({})).devices.find((d) => d.id === device.id)?.segment).toMatchObject({ label: "Oncology day unit", name: "LABEL-VLAN-77" });
    expect((await listPolicyRows()).find((p) => p.name === "Oncology ventilators only")?.segment).toMatchObject({ label: "Oncology day unit" });
  });
});

describe("setting a segment's exposure class", () => {
  it("records who set it, marks its devices for rescoring, and the risk refresh uses the new factor", async () => {
    const device = await pumpOn((await enrol()).token, "CORP-LAN-7");
    const segment = await segmentNamed("CORP-LAN-7");
    expect(segment).toMatchObject({ exposure: "general_it", exposureSource: "guessed", exposureSetBy: null });
    await refreshRisk(db(), { trigger: "ingest" });
    expect((await newestBreakdown(device.id)).exposure).toMatchObject({ value: "general_it", factor: 0.7 });

    const at = new Date("2026-12-04T10:00:00Z");
    expect(await setSegmentExposure(db(), segment.id, { exposure: "isolated" }, admin, at)).toMatchObject({ changed: true, devicesToRescore: 1 });
    expect(await segmentNamed("CORP-LAN-7")).toMatchObject({ exposure: "isolated", exposureSource: "set", exposureSetBy: admin.email, exposureSetAt: at });
    expect((await db().device.findUniqueOrThrow({ where: { id: device.id } })).riskStale).toBe(true);
    expect(await auditOf("segment.exposure", segment.id)).toMatchObject([
      { actorId: admin.id, before: { exposure: "general_it", source: "guessed", setBy: null }, after: { exposure: "isolated", source: "set", setBy: admin.email, setAt: at.toISOString(), devicesToRescore: 1 } },
    ]);

    await refreshRisk(db(), { trigger: "edit" });
    expect((await db().device.findUniqueOrThrow({ where: { id: device.id } })).riskStale).toBe(false);
    expect((await newestBreakdown(device.id)).exposure).toMatchObject({ value: "isolated", factor: 0.3 });

    // The same class again changes nothing and writes no audit row.
    expect(await setSegmentExposure(db(), segment.id, { exposure: "isolated" }, admin)).toMatchObject({ changed: false, devicesToRescore: 0 });
    expect(await auditOf("segment.exposure", segment.id)).toHaveLength(1);
    // A later report keeps the class a person set.
    await pumpOn((await enrol()).token, "CORP-LAN-7");
    expect(await segmentNamed("CORP-LAN-7")).toMatchObject({ exposure: "isolated", exposureSource: "set" });
  });

  it("confirming a guess records the person (the score stays, its explanation names them); a class not in the model is a 400", async () => {
    await pumpOn((await enrol()).token, "PUMP-ISOLATED");
    const segment = await segmentNamed("PUMP-ISOLATED");
    expect(segment.exposure).toBe("isolated");
    const scoreBefore = (await db().device.findFirstOrThrow({ where: { segmentId: segment.id } })).riskScore;
    expect(await setSegmentExposure(db(), segment.id, { exposure: "isolated" }, admin)).toMatchObject({ changed: true, devicesToRescore: 1, segment: { exposureSource: "set" } });
    await refreshRisk(db(), { trigger: "ingest" });
    const device = await db().device.findFirstOrThrow({ where: { segmentId: segment.id }, select: { id: true, riskScore: true } });
    expect(device.riskScore).toBe(scoreBefore);
    const newest = await db().riskScore.findFirstOrThrow({ where: { deviceId: device.id }, orderBy: { computedAt: "desc" }, include: { breakdownRow: true } });
    expect(JSON.stringify(storedBreakdown(newest))).toContain(`segment PUMP-ISOLATED, class set by ${admin.email}`);
    for (const exposure of ["airgapped", "", "INTERNET", null]) {
      await expect(setSegmentExposure(db(), segment.id, { exposure }, admin)).rejects.toMatchObject({ status: 400, code: "invalid_segment" });
    }
    await expect(setSegmentExposure(db(), "no-such-segment", { exposure: "internet" }, admin)).rejects.toMatchObject({ status: 404 });
  });
});

describe("moving a segment to another site", () => {
  it("moves its devices, keeps later reports of the old site's agent in the new site, and applies the new site's policies", async () => {
    const a = await enrol("sensor-site-a", "Site A");
    await enrol("sensor-site-b", "Site B");
    const [siteA, siteB] = [await siteNamed("Site A"), await siteNamed("Site B")];
    const device = await pumpOn(a.token, "RAD-VLAN-3");
    const segment = await segmentNamed("RAD-VLAN-3");
    expect(device.siteId).toBe(siteA.id);

    expect(await moveSegment(db(), segment.id, { siteId: siteB.id }, admin)).toMatchObject({ changed: true, devicesToRescore: 1, segment: { siteId: siteB.id } });
    expect(await db().device.findUniqueOrThrow({ where: { id: device.id } })).toMatchObject({ siteId: siteB.id, riskStale: true });
    expect(await auditOf("segment.move", segment.id)).toMatchObject([{ before: { siteId: siteA.id, site: "Site A" }, after: { siteId: siteB.id, site: "Site B", devicesMoved: 1 } }]);

    // Site B allows ventilators only: a pump on the moved segment breaks it; Site A's devices do not.
    await createPolicy(db(), { kind: "baseline", name: "Site B ventilators", siteId: siteB.id, rules: { categories: ["ventilator"] } }, { system: "test" });
    const segments = await db().segment.count();
    const newcomer = await pumpOn(a.token, "RAD-VLAN-3");
    await postReport(a.token, report([pump(Number(device.claimedHostname!.slice(-3)), { network: { segment: "RAD-VLAN-3" } })]));
    const elsewhere = await pumpOn(a.token, null);
    expect(await db().segment.count()).toBe(segments);
    expect(await db().device.findUniqueOrThrow({ where: { id: device.id } })).toMatchObject({ siteId: siteB.id, segmentId: segment.id, status: "unauthorized" });
    expect(newcomer).toMatchObject({ siteId: siteB.id, segmentId: segment.id, status: "unauthorized" });
    expect(elsewhere).toMatchObject({ siteId: siteA.id, segmentId: null, status: "pending" });

    // Back where it came from: the same agent's devices follow again.
    expect(await moveSegment(db(), segment.id, { siteId: siteA.id }, admin)).toMatchObject({ changed: true, devicesToRescore: 2 });
    expect(await moveSegment(db(), segment.id, { siteId: siteA.id }, admin)).toMatchObject({ changed: false });
    expect(await auditOf("segment.move", segment.id)).toHaveLength(2);
  });

  it("refuses to move a segment into a site that has one of the same reported name (409), or to an unknown site (404)", async () => {
    const a = await enrol("sensor-lab-a", "Lab A");
    const b = await enrol("sensor-lab-b", "Lab B");
    await pumpOn(a.token, "LAB-VLAN-9");
    await pumpOn(b.token, "LAB-VLAN-9");
    const [labA, labB] = [await siteNamed("Lab A"), await siteNamed("Lab B")];
    const fromA = await db().segment.findFirstOrThrow({ where: { name: "LAB-VLAN-9", siteId: labA.id } });
    const audits = await db().auditLog.count();
    await expect(moveSegment(db(), fromA.id, { siteId: labB.id }, admin)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('Lab B already has a segment reported as "LAB-VLAN-9"') });
    await expect(moveSegment(db(), fromA.id, { siteId: "no-such-site" }, admin)).rejects.toMatchObject({ status: 404, message: "No such site." });
    await expect(moveSegment(db(), fromA.id, { siteId: "" }, admin)).rejects.toMatchObject({ status: 400 });
    expect((await db().segment.findUniqueOrThrow({ where: { id: fromA.id } })).siteId).toBe(labA.id);
    expect(await db().auditLog.count()).toBe(audits);
  });

  it("a moved-in segment takes the reports of the new site's agents of the same name, rather than failing them", async () => {
    const c = await enrol("sensor-c", "Site C");
    const d = await enrol("sensor-d", "Site D");
    await pumpOn(c.token, "WARD-5");
    const segment = await segmentNamed("WARD-5");
    await moveSegment(db(), segment.id, { siteId: (await siteNamed("Site D")).id }, admin);
    const fromD = await pumpOn(d.token, "WARD-5");
    expect(fromD.segmentId).toBe(segment.id);
    expect(await db().segment.count({ where: { name: "WARD-5" } })).toBe(1);
  });
});

describe("the settings page's list", () => {
  it("lists sites by name with their segments: label, reported name, reporting site, exposure and who set it, devices", async () => {
    const sites = await listSiteSettings();
    expect(sites.map((s) => s.name)).toEqual([...sites.map((s) => s.name)].sort((x, y) => x.localeCompare(y)));
    const main = sites.find((s) => s.name === "Main campus")!;
    expect(main.isDefault).toBe(true);
    const corp = main.segments.find((s) => s.reportedName === "CORP-LAN-7")!;
    expect(corp).toMatchObject({ shown: "CORP-LAN-7", exposure: "isolated", exposureSource: "set", exposureSetBy: admin.email, devices: 2, reportedBy: null });
    const siteD = sites.find((s) => s.name === "Site D")!;
    expect(siteD.segments).toMatchObject([{ reportedName: "WARD-5", reportedBy: "Site C" }]);
    expect(main.segments.map((s) => s.shown)).toEqual([...main.segments.map((s) => s.shown)].sort((x, y) => x.localeCompare(y)));
  });
});

describe("the server actions", () => {
  it("only an administrator may change sites and segments; others change nothing", async () => {
    const segment = await segmentNamed("ICU-VLAN-20");
    const main = await siteNamed("Main campus");
    const north = await siteNamed("North clinic");
    const calls = [
      () => actions.renameSiteAction(null, form({ id: main.id, name: "Sneaky" })),
      () => actions.renameSegmentAction(null, form({ id: segment.id, label: "Sneaky" })),
      () => actions.setSegmentExposureAction(null, form({ id: segment.id, exposure: "internet" })),
      () => actions.moveSegmentAction(null, form({ id: segment.id, siteId: north.id })),
    ];
    const audits = await db().auditLog.count();
    for (const role of ["analyst", "engineer", "viewer"] as const) {
      signIn(role);
      for (const call of calls) expect(await call()).toEqual({ ok: false, message: "Your role does not allow this.", fieldErrors: {} });
    }
    session.current = null;
    for (const call of calls) expect(await call()).toMatchObject({ ok: false, message: "Sign in first." });
    expect(await db().auditLog.count()).toBe(audits);
    expect(await segmentNamed("ICU-VLAN-20")).toMatchObject({ label: null, exposure: "clinical_segmented", siteId: main.id });
  });

  it("an administrator's changes answer in words, and refusals name the field", async () => {
    signIn("admin");
    const segment = await segmentNamed("ICU-VLAN-20");
    const main = await siteNamed("Main campus");
    expect(await actions.setSegmentExposureAction(null, form({ id: segment.id, exposure: "isolated" }))).toEqual({ ok: true, message: "ICU-VLAN-20 is now isolated (exposure factor 0.3). 2 devices will be rescored within seconds." });
    expect(await actions.renameSegmentAction(null, form({ id: segment.id, label: "ICU 2 North" }))).toMatchObject({ ok: true, message: 'Segment ICU-VLAN-20 is now shown as "ICU 2 North".' });
    expect(await actions.renameSiteAction(null, form({ id: main.id, name: "North clinic" }))).toMatchObject({ ok: false, message: expect.stringContaining("already exists") });
    expect(await actions.renameSiteAction(null, form({ id: main.id, name: "x".repeat(10_000) }))).toMatchObject({ ok: false, fieldErrors: { name: "At most 120 characters." } });
    expect(await actions.renameSiteAction(null, form({ id: main.id, name: "a\u0000b" }))).toMatchObject({ ok: false, fieldErrors: { name: "Control characters are not allowed." } });
    expect(await actions.setSegmentExposureAction(null, form({ id: segment.id, exposure: "wide open" }))).toMatchObject({ ok: false, fieldErrors: { exposure: expect.stringContaining("One of") } });
    expect(await actions.moveSegmentAction(null, form({ id: segment.id, siteId: (await siteNamed("North clinic")).id }))).toMatchObject({ ok: true, message: "ICU 2 North moved to North clinic with its 2 devices." });
  });
});
