// The asset register CSV import: a good file, a file with bad rows (each named by row and
// column, nothing written), re-import in place, dropped entries retired and listed ones back, the
// saved mapping, and a 20,000-row register in one transaction.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { importRegister, previewRegister, RegisterProblems } from "@/lib/commands/asset-import";
import { normaliseSerial } from "@/lib/domain/assets/asset-keys";
import type { RegisterMapping } from "@/lib/domain/assets/register-mapping";
import { makeUser } from "./helpers";

const db = () => getDb();
let actor = { id: "", email: "" };

beforeAll(async () => {
  const user = await makeUser("engineer");
  actor = { id: user.id, email: user.email };
  await db().site.create({ data: { name: "Main Campus" } });
});

const HEADER = "Asset #;Serial Number;MAC Address;Mfr;Model Number;Dept;Site;Purchase Date;Notes";
const GOOD = [
  HEADER,
  "AT-0001;SN-1;00-09-FB-00-00-01;Baxter;Sigma Spectrum;ICU;Main Campus;03/04/2021;wall",
  'AT-0002;SN-2;0009.fb00.0002;GE;"Carescape; B450";ED;North Annex;2020-01-15;',
  "AT-0003;SN-3;;Philips;IntelliVue MX450;ICU;;4.5.2019;spare",
].join("\r\n");
const MAPPING: RegisterMapping = {
  assetTag: "Asset #", serial: "Serial Number", mac: "MAC Address", manufacturer: "Mfr", model: "Model Number",
  department: "Dept", site: "Site", purchasedOn: "Purchase Date",
};

const entries = (sourceId: string) => db().asset.findMany({ where: { sourceId }, orderBy: { assetTag: "asc" } });
const importAs = (source: string, csv: string, mapping: RegisterMapping = MAPPING) => importRegister(db(), { source, mapping, csv }, actor);

describe("the register CSV import", () => {
  it("previews a file: suggested mapping, first rows, what the import would do", async () => {
    const preview = await previewRegister(db(), { source: "Nuvolo", csv: "\uFEFF" + GOOD });
    expect(preview.mappingFrom).toBe("suggested");
    expect(preview.mapping).toEqual({ ...MAPPING, site: "Site" });
    expect(preview.rows).toBe(3);
    expect(preview.sample[1]).toEqual({ row: 3, values: expect.objectContaining({ assetTag: "AT-0002", model: "Carescape; B450" }), extra: {} });
    expect(preview.sample[0].extra).toEqual({ Notes: "wall" });
    expect(preview.problems).toEqual([]);
    expect(preview.counts).toEqual({ created: 3, updated: 0, unchanged: 0, retired: 0 });
    expect(await db().assetSource.count()).toBe(0);
  });

  it("imports a good file with keys, dates, the site and the other columns", async () => {
    const result = await importAs("Nuvolo", GOOD);
    expect(result).toMatchObject({ rows: 3, created: 3, updated: 0, unchanged: 0, retired: 0 });
    const source = await db().assetSource.findUniqueOrThrow({ where: { name: "Nuvolo" } });
    expect(source).toMatchObject({ kind: "csv", lastImportBy: actor.email, lastImportRows: 3 });
    expect(source.mapping).toEqual({ fields: MAPPING, headers: HEADER.split(";") });
    const [a1, a2, a3] = await entries(source.id);
    const main = await db().site.findUniqueOrThrow({ where: { name: "Main Campus" } });
    expect(a1).toMatchObject({ assetTag: "AT-0001", assetTagKey: "AT-0001", serialKey: normaliseSerial("SN-1"), mac: "00:09:fb:00:00:01", siteId: main.id, purchasedOn: new Date("2021-03-04T00:00:00Z"), extra: { Notes: "wall" }, retiredAt: null });
    // A site the dashboard does not know stays as text among the other columns.
    expect(a2).toMatchObject({ model: "Carescape; B450", siteId: null, extra: { Site: "North Annex" }, purchasedOn: new Date("2020-01-15T00:00:00Z") });
    expect(a3).toMatchObject({ mac: null, purchasedOn: new Date("2019-05-04T00:00:00Z") });
    const audits = await db().auditLog.findMany({ where: { action: "asset_register.import", targetId: source.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toMatchObject({ rows: 3, created: 3 });
  });

  it("refuses a file with bad rows, naming each row and column, and writes nothing", async () => {
    const bad = [HEADER, "AT-0001;SN-1;zz:zz;Baxter;;;;;", ";SN-9;;;;;;;", "AT-0003;SN-3;;;;;;31/12/2020;", "AT-0001;;;;;;;;"].join("\n");
    const before = await db().asset.findMany({ orderBy: { assetTag: "asc" } });
    const error = await importAs("Nuvolo", bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegisterProblems);
    const problems = (error as RegisterProblems).problems;
    expect(problems.map((p) => [p.row, p.column])).toEqual([[2, "MAC Address"], [3, "Asset #"], [4, "Purchase Date"], [5, "Asset #"]]);
    expect((error as RegisterProblems).status).toBe(400);
    expect((error as RegisterProblems).issues?.[0]).toEqual({ path: "row 2, column MAC Address", message: '"zz:zz" is not a MAC address' });
    expect(await db().asset.findMany({ orderBy: { assetTag: "asc" } })).toEqual(before);
    const preview = await previewRegister(db(), { source: "Nuvolo", csv: bad });
    expect(preview.mappingFrom).toBe("saved");
    expect(preview.problemCount).toBe(4);
    expect(preview.counts).toBeNull();
  });

  it("refuses a mapping without an asset tag and a bad source name", async () => {
    await expect(importAs("Nuvolo", GOOD, { serial: "Serial Number" })).rejects.toMatchObject({ status: 400, issues: [{ path: "row 1", message: "no column is mapped to the asset tag" }] });
    await expect(importAs("", GOOD)).rejects.toMatchObject({ status: 400, code: "invalid_source" });
    await expect(importRegister(db(), { source: "Nuvolo", mapping: { colour: "Mfr" }, csv: GOOD }, actor)).rejects.toMatchObject({ status: 400, code: "invalid_mapping" });
  });

  it("re-imports in place: unchanged entries are not written, changed ones updated, dropped ones retired", async () => {
    const source = await db().assetSource.findUniqueOrThrow({ where: { name: "Nuvolo" } });
    const [a1, a2] = await entries(source.id);
    const again = await importAs("Nuvolo", GOOD);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, retired: 0 });
    expect((await entries(source.id))[0].updatedAt).toEqual(a1.updatedAt);

    const changed = [HEADER, "AT-0001;SN-1;00-09-FB-00-00-01;Baxter;Sigma Spectrum;PICU;Main Campus;03/04/2021;wall", 'AT-0002;SN-2;0009.fb00.0002;GE;"Carescape; B450";ED;North Annex;2020-01-15;', "AT-0004;SN-4;;Mindray;BeneHeart;ED;;;"].join("\n");
    expect(await importAs("Nuvolo", changed)).toMatchObject({ rows: 3, created: 1, updated: 1, unchanged: 1, retired: 1 });
    const [b1, b2, b3, b4] = await entries(source.id);
    expect(b1).toMatchObject({ id: a1.id, department: "PICU" });
    expect(b2.id).toBe(a2.id);
    expect(b3).toMatchObject({ assetTag: "AT-0003", state: "retired" });
    expect(b3.retiredAt).not.toBeNull();
    expect(b4).toMatchObject({ assetTag: "AT-0004", state: "missing", retiredAt: null });

    expect(await importAs("Nuvolo", GOOD)).toMatchObject({ created: 0, updated: 2, unchanged: 1, retired: 1 });
    const back = await db().asset.findUniqueOrThrow({ where: { sourceId_assetTag: { sourceId: source.id, assetTag: "AT-0003" } } });
    expect(back).toMatchObject({ retiredAt: null, state: expect.not.stringMatching("retired") });
    expect(await db().asset.count({ where: { sourceId: source.id } })).toBe(4);
  });

  it("keeps sources apart: the same tag in another source is another entry", async () => {
    expect(await importAs("ServiceNow CMDB", "Tag,Model\nAT-0001,Other\n", { assetTag: "Tag", model: "Model" })).toMatchObject({ created: 1, retired: 0 });
    expect(await db().asset.count({ where: { assetTag: "AT-0001" } })).toBe(2);
  });

  it("imports a 20,000-row register, then re-imports it without writing", async () => {
    const lines = ["Asset Tag,Serial Number,MAC Address,Manufacturer,Model,Department,Location"];
    for (let i = 0; i < 20_000; i++) {
      const hex = i.toString(16).padStart(6, "0");
      lines.push(`BIG-${i},S${i},02:00:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4)},Acme,Model ${i % 7},Dept ${i % 13},"Room ${i}, floor 2"`);
    }
    const csv = lines.join("\n");
    const mapping: RegisterMapping = { assetTag: "Asset Tag", serial: "Serial Number", mac: "MAC Address", manufacturer: "Manufacturer", model: "Model", department: "Department", location: "Location" };
    const first = await importAs("Big CMMS", csv, mapping);
    expect(first).toMatchObject({ rows: 20_000, created: 20_000 });
    const again = await importAs("Big CMMS", csv, mapping);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 20_000, retired: 0 });
    const dropped = await importAs("Big CMMS", lines.slice(0, 15_001).join("\n"), mapping);
    expect(dropped).toMatchObject({ unchanged: 15_000, retired: 5_000 });
    expect(await db().asset.count({ where: { source: { name: "Big CMMS" }, state: "retired" } })).toBe(5_000);
    console.log(`20,000-row import: ${first.ms} ms; unchanged re-import: ${again.ms} ms; 5,000 retired: ${dropped.ms} ms`);
  });
});
