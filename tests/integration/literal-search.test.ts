// "%" and "_" in a search are the characters themselves, not LIKE wildcards, on every path the
// inventory search takes (a whole term through the trigram index, a short one through contains).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { listDevices, parseInventoryParams } from "@/lib/queries/devices";
import { enrol, postReport, pump, report } from "./agent-api";

const named = (n: number, hostname: string) => {
  const p = pump(n);
  return { ...p, claimed: { ...p.claimed, hostname } };
};
const found = async (q: string) => (await listDevices(parseInventoryParams({ q, sort: "name" }), 100)).devices.map((d) => d.displayName).sort();

beforeAll(async () => {
  const agent = await enrol();
  await postReport(agent.token, report([named(1, "PUMP_A1"), named(2, "PUMPXA1"), named(3, "RATE100%OK"), named(4, "RATE100XOK"), named(5, "Q9Z")]));
  expect(await getDb().device.count()).toBe(5);
});

describe("a search for % or _", () => {
  it("matches them literally in a long term (the trigram index)", async () => {
    expect(await found("pump_a1")).toEqual(["PUMP_A1"]);
    expect(await found("100%ok")).toEqual(["RATE100%OK"]);
  });

  it("matches them literally in a short term (no trigram)", async () => {
    expect(await found("p_a")).toEqual(["PUMP_A1"]);
    expect(await found("0%o")).toEqual(["RATE100%OK"]);
    expect(await found("%")).toEqual(["RATE100%OK"]);
    expect(await found("_")).toEqual(["PUMP_A1"]);
    expect(await found("%_")).toEqual([]);
  });

  it("still finds ordinary terms", async () => {
    expect(await found("pump")).toEqual(["PUMPXA1", "PUMP_A1"].sort());
    expect(await found("q9z")).toEqual(["Q9Z"]);
  });
});
