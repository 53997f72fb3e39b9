import { describe, expect, it } from "vitest";
import { parseRegisterDate } from "./register-dates";
import { checkMapping, mapRows, parseSavedMapping, registerMappingSchema, suggestMapping, MAX_FIELD_LENGTH } from "./register-mapping";

describe("suggestMapping", () => {
  it("recognises common CMMS headers", () => {
    const headers = ["Asset #", "Serial Number", "MAC Address", "Mfr", "Model Number", "Dept", "Building/Room", "Purchase Date", "Notes"];
    expect(suggestMapping(headers)).toEqual({
      assetTag: "Asset #", serial: "Serial Number", mac: "MAC Address", manufacturer: "Mfr", model: "Model Number",
      department: "Dept", location: "Building/Room", purchasedOn: "Purchase Date",
    });
  });

  it("prefers an exact 'Asset Tag' and uses each column once", () => {
    const mapping = suggestMapping(["Asset", "asset_tag", "Manufacturer", "MAKE", "IP Address", "Host Name"]);
    expect(mapping.assetTag).toBe("asset_tag");
    expect(mapping.manufacturer).toBe("Manufacturer");
    expect(mapping.ip).toBe("IP Address");
    expect(mapping.hostname).toBe("Host Name");
    expect(Object.values(mapping)).not.toContain("Asset");
  });

  it("suggests nothing for unknown headers", () => expect(suggestMapping(["foo", "bar"])).toEqual({}));
});

describe("parseRegisterDate", () => {
  it.each([
    ["2025-03-04", "2025-03-04T00:00:00.000Z"],
    ["2025/3/4", "2025-03-04T00:00:00.000Z"],
    ["03/04/2025", "2025-03-04T00:00:00.000Z"],
    ["4.3.2025", "2025-03-04T00:00:00.000Z"],
    [" 2025-03-04T10:30:00Z ", "2025-03-04T10:30:00.000Z"],
  ])("%j → %s", (text, iso) => expect(parseRegisterDate(text)?.toISOString()).toBe(iso));

  it.each(["2025-02-30", "13/04/2025", "04/03/25", "March 4, 2025", "45123", "31.02.2025", "1800-01-01", "yesterday"])("%j is refused", (text) =>
    expect(parseRegisterDate(text)).toBeNull());
});

describe("mapRows", () => {
  const headers = ["Asset #", "Serial Number", "MAC Address", "IP", "Purchase Date", "Site", "Notes"];
  const mapping = { assetTag: "Asset #", serial: "Serial Number", mac: "MAC Address", ip: "IP", purchasedOn: "Purchase Date", site: "Site" };

  it("maps, trims and normalises a good row, keeping other columns in extra", () => {
    const { rows, problems } = mapRows(headers, [[" AT-1 ", "SN1", "00-09-FB-12-34-56", "10.0.0.5", "03/04/2025", "Main", "wall mount"]], mapping);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({ assetTag: "AT-1", serial: "SN1", mac: "00:09:fb:12:34:56", ip: "10.0.0.5", site: "Main", purchasedOn: new Date("2025-03-04T00:00:00Z"), extra: { Notes: "wall mount" }, model: null }),
    ]);
  });

  it("names the spreadsheet row and the column of every problem, and skips blank lines", () => {
    const { rows, problems } = mapRows(
      headers,
      [
        ["AT-1", "", "not-a-mac", "", "", "", ""],
        ["", "SN2", "", "", "", "", ""],
        ["", "", "", "", "", "", ""],
        ["AT-3", "", "", "999.1.1.1", "31/12/2025", "", ""],
        ["AT-4", "x".repeat(MAX_FIELD_LENGTH + 1), "", "", "", "", ""],
        ["AT-1", "", "", "", "", "", ""],
        ["AT-7", "", "", "", "", "", "ok"],
      ],
      mapping,
    );
    expect(problems).toEqual([
      { row: 2, column: "MAC Address", message: '"not-a-mac" is not a MAC address' },
      { row: 3, column: "Asset #", message: "the asset tag is empty" },
      { row: 5, column: "IP", message: '"999.1.1.1" is not an IPv4 or IPv6 address' },
      { row: 5, column: "Purchase Date", message: expect.stringContaining('"31/12/2025" is not a date') },
      { row: 6, column: "Serial Number", message: `longer than ${MAX_FIELD_LENGTH} characters` },
      { row: 7, column: "Asset #", message: expect.stringContaining("already on row") },
    ]);
    // The row that was fine is still there for the preview; the import refuses the file anyway.
    expect(rows.map((r) => r.assetTag)).toEqual(["AT-7"]);
  });

  it("refuses a duplicate tag against its first row", () => {
    const { problems } = mapRows(["Tag"], [["A"], ["B"], ["A"]], { assetTag: "Tag" });
    expect(problems).toEqual([{ row: 4, column: "Tag", message: 'asset tag "A" is already on row 2' }]);
  });

  it("refuses a mapping without an asset tag or with a column the file lacks", () => {
    expect(checkMapping(["A", "B"], { serial: "A", model: "C", owner: "A" }).map((p) => p.message)).toEqual([
      "no column is mapped to the asset tag",
      'the file has no column "C" (mapped to Model)',
      "mapped to both Serial number and Owner",
    ]);
    expect(mapRows(["A"], [["x"]], {}).rows).toEqual([]);
  });
});

describe("mapping schemas", () => {
  it("accepts a known field and refuses an unknown one or an over-long column", () => {
    expect(registerMappingSchema.safeParse({ assetTag: "Asset #" }).success).toBe(true);
    expect(registerMappingSchema.safeParse({ colour: "x" }).success).toBe(false);
    expect(registerMappingSchema.safeParse({ assetTag: "x".repeat(300) }).success).toBe(false);
  });

  it("reads a saved mapping back, or null", () => {
    expect(parseSavedMapping({ fields: { assetTag: "Tag" }, headers: ["Tag", "Notes"] })).toEqual({ fields: { assetTag: "Tag" }, headers: ["Tag", "Notes"] });
    expect(parseSavedMapping(null)).toBeNull();
    expect(parseSavedMapping({ assetTag: "Tag" })).toBeNull();
  });
});
