import { describe, expect, it } from "vitest";
import { healthSummary, readAgentHealth } from "./agent-health";
import { reportSchema } from "./agent-report";

const base = { schema: "iomt.agent-report/v1", reportId: "health-test-1", sentAt: "2026-12-04T10:00:00Z", observations: [] };
const usbBroken = { name: "usb", ok: false, observations: 3, problems: [{ where: "/sys/bus/usb/devices/1-4", message: "vanished while it was read" }] };

describe("the agent's own health in a report", () => {
  it("is kept when it keeps the bounds", () => {
    const parsed = reportSchema.parse({ ...base, agent: { version: "1.0.0", hostname: "s", collectors: [usbBroken], spool: { queued: 2, droppedReports: 1 } } });
    expect(parsed.agent.collectors).toEqual([usbBroken]);
    expect(parsed.agent.spool).toEqual({ queued: 2, droppedReports: 1 });
  });

  it("is dropped, never refusing the report, when it breaks them", () => {
    const tooMany = Array.from({ length: 21 }, () => ({ message: "x" }));
    const parsed = reportSchema.safeParse({
      ...base,
      agent: { version: "1.0.0", hostname: "s", collectors: [{ ...usbBroken, problems: tooMany }], spool: { queued: -1, droppedReports: 0 } },
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.agent.collectors).toBeUndefined();
    expect(parsed.data?.agent.spool).toBeUndefined();
  });

  it("is absent for an agent that sends none, as every agent before the extension", () => {
    const parsed = reportSchema.parse({ ...base, agent: { version: "1.0.0", hostname: "s" } });
    expect(parsed.agent).toEqual({ version: "1.0.0", hostname: "s" });
  });

  it("reads back what was stored, and nothing from garbage", () => {
    expect(readAgentHealth({ collectors: [usbBroken] })?.collectors?.[0]?.name).toBe("usb");
    expect(readAgentHealth(null)).toBeNull();
    expect(readAgentHealth({})).toBeNull();
    expect(readAgentHealth("nonsense")).toBeNull();
  });

  it("sums failing collectors, problems and the spool", () => {
    const ok = { name: "neighbours", ok: true, observations: 12, problems: [] };
    expect(healthSummary({ collectors: [usbBroken, ok], spool: { queued: 4, droppedReports: 7 } })).toEqual({ failing: ["usb"], problems: 1, dropped: 7, queued: 4 });
    expect(healthSummary(null)).toEqual({ failing: [], problems: 0, dropped: 0, queued: 0 });
  });
});
