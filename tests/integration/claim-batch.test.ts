// The risk refresh's claim on its batch of stale devices (lib/db/claim-batch.ts). On PostgreSQL
// another pass skips the claimed devices, and an agent's report may still write rows that refer
// to them (an observation, an alert): their foreign keys take a key-share lock on the device,
// which a claim must not block for the whole batch.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { bulkTarget } from "@/lib/db/bulk";
import { claimStaleDevices } from "@/lib/db/claim-batch";
import { databaseConfig, postgresFields } from "@/lib/db/config";
import { enrol, postReport, pump, report } from "./agent-api";

const db = () => getDb();

beforeAll(async () => {
  const agent = await enrol();
  expect((await postReport(agent.token, report(Array.from({ length: 6 }, (_, i) => pump(7100 + i))))).status).toBe(202);
}, 60_000);

/** What PostgreSQL's foreign-key check takes on the referenced row when a row referring to it is inserted. */
async function keyShareWithin(client: pg.Client, deviceId: string): Promise<"taken" | "waited"> {
  await client.query("BEGIN");
  try {
    await client.query(`SELECT 1 FROM ONLY "Device" x WHERE "id" = $1 FOR KEY SHARE OF x`, [deviceId]);
    return "taken";
  } catch (error) {
    if ((error as { code?: string }).code === "55P03") return "waited"; // lock_not_available: lock_timeout passed
    throw error;
  } finally {
    await client.query("ROLLBACK");
  }
}

describe("claiming a batch of stale devices", () => {
  it("claims in id order; on PostgreSQL another pass skips the claimed devices, and rows may still refer to them", async () => {
    const stale = (await db().device.findMany({ where: { riskStale: true }, orderBy: { id: "asc" }, select: { id: true } })).map((d) => d.id);
    expect(stale.length).toBe(6);
    const config = databaseConfig();
    if (config.provider !== "postgresql") {
      expect(await claimStaleDevices(bulkTarget(db()), "", 3)).toEqual(stale.slice(0, 3));
      return;
    }
    const other = new pg.Client(postgresFields(config.url));
    await other.connect();
    try {
      await other.query("SET lock_timeout = '1s'");
      await db().$transaction(async (tx) => {
        const claimed = await claimStaleDevices(bulkTarget(db(), tx), "", 3);
        expect(claimed).toEqual(stale.slice(0, 3));
        // Another pass (another instance's), at the same moment, on another connection, takes the next ones.
        expect(await db().$transaction((next) => claimStaleDevices(bulkTarget(db(), next), "", 3))).toEqual(stale.slice(3, 6));
        // An agent's report inserting an observation of a claimed device does not wait for the batch.
        expect(await keyShareWithin(other, claimed[0])).toBe("taken");
      }, { timeout: 20_000 });
    } finally {
      await other.end();
    }
  });
});
