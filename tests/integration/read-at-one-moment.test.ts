// A page's figures read at one moment (lib/db/client.ts readAtOneMoment): they add up even while
// agents' reports commit, they never wait for a report's transaction to end (on SQLite they ran on
// the writer's turn, behind every queued report), and they cannot write. On both databases.
import { setTimeout as pause } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { getDb, readAtOneMoment } from "@/lib/db/client";

const sites = (key: string) => ({ where: { key: { startsWith: key } } });

describe("reads at one moment", () => {
  it("do not see a write committed between two of their reads", async () => {
    const db = getDb();
    const counts = await readAtOneMoment(db, async (tx) => {
      const before = await tx.site.count(sites("moment-meanwhile"));
      await db.site.create({ data: { key: "moment-meanwhile", name: "Committed between the reads" } });
      return [before, await tx.site.count(sites("moment-meanwhile"))];
    });
    expect(counts).toEqual([0, 0]);
    expect(await db.site.count(sites("moment-meanwhile"))).toBe(1);
  });

  it("do not wait for an open write transaction, nor see its rows", async () => {
    const db = getDb();
    const ended: string[] = [];
    const report = db.$transaction(async (tx) => {
      await tx.site.create({ data: { key: "moment-report", name: "Not committed yet" } });
      await pause(1_000);
      ended.push("the report");
    });
    await pause(100);
    const seen = await readAtOneMoment(db, (tx) => tx.site.count(sites("moment-report")));
    ended.push("the reads");
    await report;
    expect(ended).toEqual(["the reads", "the report"]);
    expect(seen).toBe(0);
    expect(await db.site.count(sites("moment-report"))).toBe(1);
  });

  it("refuse to write, and change nothing", async () => {
    const db = getDb();
    const write = readAtOneMoment(db, (tx) => tx.site.create({ data: { key: "moment-write", name: "Written by a read" } }));
    await expect(write).rejects.toThrow(/read-only|readonly/i);
    expect(await db.site.count(sites("moment-write"))).toBe(0);
  });
});
