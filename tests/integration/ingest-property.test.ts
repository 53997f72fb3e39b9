// Random and hostile bodies against the validator and the route: never a 500, never a partial
// write. A failure prints the smallest body that broke the rule (fast-check shrinking).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reportSchema } from "@/lib/domain/protocol/agent-report";
import { counts, enrol, postReport, pump, report } from "./agent-api";

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("__proto__", "constructor", "<script>alert(1)</script>", "\u0000", "\uD800", "../../etc/passwd", "' OR 1=1 --", "9".repeat(400), "NaN", "Infinity"),
);
const hostileNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-1, 1e308, -0, 2 ** 53 + 1, 4096, 65536));
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", maxDepth: 4 }, hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(hostileString, tie("value"), { maxKeys: 4 })),
})).value;

/** A valid report with one field somewhere replaced by something hostile. */
const mutatedReport = fc.record({
  path: fc.constantFrom("schema", "reportId", "sentAt", "agent", "agent.version", "mode", "observations", "observations.0", "observations.0.observedAt", "observations.0.channel", "observations.0.claimed", "observations.0.claimed.mac", "observations.0.claimed.ip", "observations.0.claimed.usb", "observations.0.physical", "observations.0.physical.ethernet.vlan", "observations.0.physical.usb.interfaces", "observations.0.network.openPorts", "observations.0.software.components"),
  value: hostileValue,
});

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split(".");
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

describe("hostile reports", () => {
  it("the validator never throws, whatever the input", () => {
    fc.assert(fc.property(hostileValue, (value) => void reportSchema.safeParse(value)), { numRuns: 2000 });
  });

  it("the route answers every mutated report with 202 or a 4xx of the contract, and a 4xx stores nothing", async () => {
    const agent = await enrol();
    process.env.AGENT_REPORTS_PER_MINUTE = "100000";
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutatedReport, async ({ path, value }) => {
        n += 1;
        const body = report([pump(9000 + n)]) as Record<string, unknown>;
        setPath(body, path, value);
        const before = await counts();
        const res = await postReport(agent.token, body);
        expect([200, 202, 400]).toContain(res.status);
        if (res.status === 400) {
          expect(res.body.error.code).toBe("invalid_report");
          expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
    delete process.env.AGENT_REPORTS_PER_MINUTE;
  });

  it("random bytes as a body are a 400, never a 500", async () => {
    const agent = await enrol();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const res = await postReport(agent.token, null, { raw: bytes });
        expect(res.status).toBe(400);
      }),
      { numRuns: 100 },
    );
  });
});
