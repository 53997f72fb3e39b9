import { describe, expect, it } from "vitest";
import { parseCsv } from "@/tests/csv-parse";
import { csvCell, csvFileName, csvLines, csvStream, neutralise, UTF8_BOM } from "./csv";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  // Response.text() would drop the byte-order mark; the test wants to see it.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

async function* batchesOf<T>(items: T[], size: number) {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

describe("neutralise (OWASP CSV injection)", () => {
  it.each(["=1+1", "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", '=HYPERLINK("http://x","y")'])("prefixes %j with a quote", (v) => {
    expect(neutralise(v)).toBe(`'${v}`);
  });
  it.each(["Alaris 8015", "", "a=b", " =1", "ICU-7", "'quoted"])("leaves %j alone", (v) => expect(neutralise(v)).toBe(v));
});

describe("csvCell", () => {
  it("writes dates in UTC ISO, numbers as numbers, booleans in words and nothing as empty", () => {
    expect(csvCell(new Date("2026-11-29T07:01:02.003Z"))).toBe("2026-11-29T07:01:02.003Z");
    expect(csvCell(-5)).toBe(-5);
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(true)).toBe("yes");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
  });
});

describe("csvLines", () => {
  it("quotes commas, quotes and line breaks so every cell reads back as written", () => {
    const hostile = ['a,b', 'say "hi"', "two\nlines", "cr\r\nlf", "<script>alert(1)</script>", "plain"];
    const text = csvLines([hostile]);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parseCsv(text)).toEqual([hostile]);
  });

  it("keeps unicode as it is (names in any script, emoji)", () => {
    const row = ["Pompe à perfusion", "輸液ポンプ", "مضخة", "🩺 monitor", "Ω"];
    expect(parseCsv(csvLines([row]))).toEqual([row]);
  });

  it("neutralises formula cells inside quoting too", () => {
    expect(parseCsv(csvLines([["=1,2", "@x\ny"]]))).toEqual([["'=1,2", "'@x\ny"]]);
  });
});

describe("csvStream", () => {
  it("opens with a byte-order mark and the header, then every row exactly once, and reports the count", async () => {
    const items = Array.from({ length: 2_503 }, (_, i) => ({ id: `d${i}`, name: i % 2 ? `=evil${i}` : `ok,${i}` }));
    let ended: [number, boolean] | null = null;
    const text = await readAll(
      csvStream({ header: ["id", "name"], batches: batchesOf(items, 1_000), row: (d) => [d.id, d.name], onEnd: async (rows, complete) => void (ended = [rows, complete]) }),
    );
    expect(text.startsWith(UTF8_BOM + "id,name\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(["id", "name"]);
    expect(rows).toHaveLength(2_503);
    expect(new Set(rows.map((r) => r[0])).size).toBe(2_503);
    expect(rows[1]).toEqual(["d1", "'=evil1"]);
    expect(rows[2]).toEqual(["d2", "ok,2"]);
    expect(ended).toEqual([2_503, true]);
  });

  it("stops reading when the client goes away, and says the export was not complete", async () => {
    let read = 0;
    async function* endless() {
      for (;;) {
        read += 1;
        yield [{ n: read }];
      }
    }
    let ended: [number, boolean] | null = null;
    const stream = csvStream({ header: ["n"], batches: endless(), row: (r) => [r.n], onEnd: async (rows, complete) => void (ended = [rows, complete]) });
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(ended).not.toBeNull();
    expect(ended![1]).toBe(false);
    const readWhenCancelled = read;
    await new Promise((r) => setTimeout(r, 20));
    expect(read).toBe(readWhenCancelled);
    expect(read).toBeLessThan(5);
  });

  it("stops at an aborted request signal", async () => {
    const controller = new AbortController();
    controller.abort();
    let ended: [number, boolean] | null = null;
    const text = await readAll(csvStream({ header: ["n"], batches: batchesOf([{ n: 1 }], 1), row: (r) => [r.n], signal: controller.signal, onEnd: async (rows, complete) => void (ended = [rows, complete]) }));
    expect(parseCsv(text)).toEqual([["n"]]);
    expect(ended).toEqual([0, false]);
  });

  it("errors the stream when a batch fails, after recording what left", async () => {
    async function* failing() {
      yield [{ n: 1 }];
      throw new Error("database gone");
    }
    let ended: [number, boolean] | null = null;
    await expect(readAll(csvStream({ header: ["n"], batches: failing(), row: (r) => [r.n], onEnd: async (rows, complete) => void (ended = [rows, complete]) }))).rejects.toThrow();
    expect(ended).toEqual([1, false]);
  });
});

it("names the file with the day, UTC", () => {
  expect(csvFileName("inventory", new Date("2026-11-29T23:59:00Z"))).toBe("iomt-inventory-2026-11-29.csv");
});
