import { describe, expect, it } from "vitest";
import { entryUrl, isMedicalAdvisory, parseChangesCsv, parseSha512, takeBatch, type ChangeEntry } from "./csaf-directory";
import { parseFeedsInterval } from "./interval";
import { isHttpUrl } from "./download";

const entry = (path: string, timestamp: string): ChangeEntry => ({ path, timestamp, time: Date.parse(timestamp) });

describe("changes.csv", () => {
  it("reads quoted and bare lines, skipping blank ones", () => {
    const text = '"2024/icsma-24-001-01.json","2024-01-02T07:00:00Z"\n\ncsaf_files/OT/white/2023/icsa-23-334-04.json,2023-11-30T07:00:00.000000Z\r\n';
    expect(parseChangesCsv(text).map((e) => [e.path, e.timestamp])).toEqual([
      ["2024/icsma-24-001-01.json", "2024-01-02T07:00:00Z"],
      ["csaf_files/OT/white/2023/icsa-23-334-04.json", "2023-11-30T07:00:00.000000Z"],
    ]);
  });
  it("reads doubled quotes inside a quoted field", () => {
    expect(parseChangesCsv('"a""b.json","2024-01-01T00:00:00Z"')[0].path).toBe('a"b.json');
  });
  it.each(['"x.json"', '"x.json","not a date"', '"x.json","2024-01-01T00:00:00Z","extra"', '"x.json,2024-01-01T00:00:00Z'])("refuses %s with its line number", (line) => {
    expect(() => parseChangesCsv(`"ok.json","2024-01-01T00:00:00Z"\n${line}`)).toThrow(/changes\.csv line 2/);
  });
});

describe("the .sha512 file", () => {
  const hex = "a".repeat(64) + "B".repeat(64);
  it.each([hex, `${hex}  icsma-24-001-01.json`, `${hex} *icsma-24-001-01.json\n`, `\n${hex}\n`])("reads %j", (text) => {
    expect(parseSha512(text)).toBe(hex.toLowerCase());
  });
  it.each(["", "abc", "z".repeat(128), `${hex}0`])("refuses %j", (text) => expect(parseSha512(text)).toBeNull());
});

describe("which advisories are taken", () => {
  it("takes only medical advisories (ICSMA), by file name", () => {
    expect(isMedicalAdvisory("2024/ICSMA-24-001-01.json")).toBe(true);
    expect(isMedicalAdvisory("2024/icsa-24-001-01.json")).toBe(false);
    expect(isMedicalAdvisory("icsma/icsa-24-001-01.json")).toBe(false);
  });
  it("takes what changed after the cursor, newest change per file, oldest first", () => {
    const entries = [entry("c", "2024-01-03T00:00:00Z"), entry("a", "2024-01-01T00:00:00Z"), entry("b", "2024-01-02T00:00:00Z"), entry("a", "2024-01-04T00:00:00Z")];
    const { batch, remaining } = takeBatch(entries, "2024-01-01T00:00:00Z", 10);
    expect(batch.map((e) => `${e.path}@${e.timestamp.slice(8, 10)}`)).toEqual(["b@02", "c@03", "a@04"]);
    expect(remaining).toBe(0);
  });
  it("caps a batch without splitting one timestamp", () => {
    const entries = [entry("a", "2024-01-01T00:00:00Z"), entry("b", "2024-01-02T00:00:00Z"), entry("c", "2024-01-02T00:00:00Z"), entry("d", "2024-01-03T00:00:00Z")];
    expect(takeBatch(entries, null, 2)).toMatchObject({ batch: [{ path: "a" }], remaining: 3 });
    expect(takeBatch(entries, null, 3).batch.map((e) => e.path)).toEqual(["a", "b", "c"]);
    expect(takeBatch(entries, null, 1).batch.map((e) => e.path)).toEqual(["a"]);
    // One timestamp larger than the cap is taken whole rather than never.
    expect(takeBatch(entries.slice(1, 3), null, 1).batch).toHaveLength(2);
  });
});

describe("entry URLs", () => {
  const dir = "https://mirror.example/csaf/csaf_files/OT/white/";
  it("resolves paths inside the directory, also when they repeat its tail", () => {
    expect(entryUrl(dir, "2024/icsma-24-001-01.json")).toBe(`${dir}2024/icsma-24-001-01.json`);
    expect(entryUrl(dir, "csaf_files/OT/white/2024/icsma-24-001-01.json")).toBe(`${dir}2024/icsma-24-001-01.json`);
    expect(entryUrl("https://mirror.example/csaf", "2024/x.json")).toBe("https://mirror.example/csaf/2024/x.json");
  });
  it.each(["https://evil.example/x.json", "//evil.example/x.json", "/etc/passwd", "../x.json", "2024/../../x.json", "file:///etc/passwd", "a\\b.json"])("refuses %s", (p) => {
    expect(entryUrl(dir, p)).toBeNull();
  });
});

describe("FEEDS_UPDATE_INTERVAL", () => {
  it.each([[undefined, null], ["", null], ["off", null], ["6h", 6 * 3_600_000], ["30m", 1_800_000], ["900", 900_000], ["1d", 86_400_000], [" 45M ", 2_700_000]])("%j → %j ms", (text, ms) => {
    expect(parseFeedsInterval(text)).toEqual({ ms });
  });
  it.each(["5m", "60", "six hours", "6 hours", "-1h", "1.5h"])("refuses %j", (text) => {
    expect(parseFeedsInterval(text)).toHaveProperty("error");
  });
});

describe("source URLs", () => {
  it.each([["https://mirror.example/kev.json", true], ["http://10.0.0.5:8080/feeds/", true], ["ftp://x/", false], ["file:///etc/passwd", false], ["javascript:alert(1)", false], ["https://user:pw@x/", false], ["not a url", false]])("%s → %s", (url, ok) => {
    expect(isHttpUrl(url)).toBe(ok);
  });
});
