import { describe, expect, it } from "vitest";
import { detectDelimiter, parseRegisterCsv } from "./register-csv";

describe("parseRegisterCsv", () => {
  it("reads a BOM, quoted fields with delimiters and line breaks, and CRLF", () => {
    const parsed = parseRegisterCsv('\uFEFFAsset #,Notes\r\nAT-1,"a, b"\r\nAT-2,"two\r\nlines"\r\n');
    expect(parsed).toEqual({ headers: ["Asset #", "Notes"], rows: [["AT-1", "a, b"], ["AT-2", "two\r\nlines"]], problems: [] });
  });

  it("detects ';' from the header line (European spreadsheets)", () => {
    expect(detectDelimiter('Tag;Serial;"Notes, free"\n1,2;3')).toBe(";");
    expect(parseRegisterCsv("Tag;Price\nAT-1;1,50\n").rows).toEqual([["AT-1", "1,50"]]);
    expect(detectDelimiter("Tag\n")).toBe(",");
  });

  it("names a row wider than its header, two columns of one name, and broken quoting", () => {
    expect(parseRegisterCsv("Tag,Model\nA,B\nC,D,E\n").problems).toEqual([{ row: 3, column: "", message: "3 cells, but the header has 2 columns" }]);
    expect(parseRegisterCsv("Tag,Tag\nA,B\n").problems).toEqual([{ row: 1, column: "Tag", message: "two columns have this name" }]);
    expect(parseRegisterCsv('Tag,Model\nA,"B\n').problems[0].message).toMatch(/not valid CSV/);
    expect(parseRegisterCsv("  \n").problems[0].message).toBe("the file is empty");
  });
});
