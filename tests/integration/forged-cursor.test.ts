// A page link is user input: a forged keyset cursor on any paged view is read as "no cursor" and
// said so (cursorIgnored), never a database error (a 500 on the page).
import { beforeAll, describe, expect, it } from "vitest";
import { listDevices, parseInventoryParams } from "@/lib/queries/devices";
import { listAlerts, parseAlertParams } from "@/lib/queries/alerts";
import { getWorkQueue } from "@/lib/queries/work-queue";
import { listRiskPriority, parseRiskParams } from "@/lib/queries/risk-priority";
import { enrol, postReport, pump, report } from "./agent-api";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
// Each a 500 before (on SQLite, PostgreSQL or both) or silently read as something else.
const FORGED: Record<string, string> = {
  "no id": b64({ v: "garbage" }),
  "a score too big for the column": b64({ v: 2 ** 40, id: "x", s: 2 ** 40 }),
  "a number past any column": b64({ v: 1e300, id: "x", s: 1e300 }),
  "a fraction": b64({ v: 1.5, id: "x", s: 1.5 }),
  "an id longer than any": b64({ v: -1, id: "x".repeat(65), s: -1 }),
  "objects": b64({ v: { nested: true }, id: ["x"], s: {} }),
  "an array": b64(["v", "id"]),
  "null": b64(null),
  "not JSON": "not-base64-json",
};
/** Forged for every sort but by name, where any short text is a name to start after. */
const NOT_A_TIME_OR_SCORE = b64({ v: "garbage", id: "x", s: "garbage" });

beforeAll(async () => {
  const agent = await enrol();
  await postReport(agent.token, report([pump(1), pump(2), pump(3)]));
});

describe("a forged cursor", () => {
  for (const sort of ["risk", "lastSeen", "name", "firstSeen"]) {
    it(`on the inventory sorted by ${sort} reads as the first page, said so`, async () => {
      const first = await listDevices(parseInventoryParams({ sort }));
      expect(first.cursorIgnored).toBe(false);
      const forged = sort === "name" ? FORGED : { ...FORGED, "not a time or a score": NOT_A_TIME_OR_SCORE };
      for (const [what, cursor] of Object.entries(forged)) {
        const page = await listDevices(parseInventoryParams({ sort, cursor }));
        expect(page.devices.map((d) => d.id), what).toEqual(first.devices.map((d) => d.id));
        expect(page.cursorIgnored, what).toBe(true);
      }
    });
  }

  it("on the alerts, the work queue and the risk ranking reads as the first page, said so", async () => {
    for (const [what, cursor] of Object.entries({ ...FORGED, "not a time or a score": NOT_A_TIME_OR_SCORE })) {
      expect((await listAlerts(parseAlertParams({ cursor }))).cursorIgnored, what).toBe(true);
      expect((await getWorkQueue({ cursor })).cursorIgnored, what).toBe(true);
      expect((await listRiskPriority(parseRiskParams({ after: cursor }))).cursorIgnored, what).toBe(true);
    }
  });

  it("a real next-page cursor is followed", async () => {
    const first = await listDevices(parseInventoryParams({ sort: "name" }), 2);
    const second = await listDevices(parseInventoryParams({ sort: "name", cursor: first.nextCursor }), 2);
    expect(second.cursorIgnored).toBe(false);
    expect(second.devices.map((d) => d.id)).not.toContain(first.devices[0]!.id);
  });
});
