// With no webhook or syslog target, the fan-out skips its cursor ahead (a destination made later
// wants only what comes after it), but at most once a minute: an idle install does not write to
// the database at every 2-second pass.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { FAN_OUT_CURSOR, fanOut } from "@/lib/outbound/fan-out";

const cursor = async () => (await getDb().setting.findUniqueOrThrow({ where: { key: FAN_OUT_CURSOR } })).value;

describe("the fan-out with nothing to send to", () => {
  it("moves its cursor once a minute, not at every pass", async () => {
    const start = new Date("2026-12-05T08:00:00.000Z");
    await fanOut(getDb(), { now: start }); // the first run only sets the cursor
    const first = await cursor();
    for (const seconds of [2, 30, 59]) {
      expect(await fanOut(getDb(), { now: new Date(start.getTime() + seconds * 1000) })).toEqual({ events: 0, enqueued: 0 });
      expect(await cursor()).toBe(first);
    }
    await fanOut(getDb(), { now: new Date(start.getTime() + 61_000) });
    expect(JSON.parse(await cursor()).alerts.at).toBe("2026-12-05T08:01:01.000Z");
  });
});
