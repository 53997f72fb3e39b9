import { describe, expect, it } from "vitest";
import { createLogger } from "./log";

describe("createLogger", () => {
  const capture = (level?: "debug" | "info" | "warn" | "error") => {
    const lines: string[] = [];
    const log = createLogger({ level, secrets: ["tok_0123456789abcdef"], write: (l) => lines.push(l), now: () => new Date("2026-12-01T10:00:00Z") });
    return { log, lines };
  };

  it("writes one JSON line per entry with time, level, message and fields", () => {
    const { log, lines } = capture();
    log.info("report accepted", { status: 202, file: "000000000001.json.gz" });
    expect(lines).toEqual([`${JSON.stringify({ time: "2026-12-01T10:00:00.000Z", level: "info", msg: "report accepted", status: 202, file: "000000000001.json.gz" })}\n`]);
  });

  it("drops entries below the level", () => {
    const { log, lines } = capture("warn");
    log.info("quiet");
    log.debug("quieter");
    log.error("loud");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["loud"]);
  });

  it("never writes the token: not in a message, not in a field, not in an error", () => {
    const { log, lines } = capture();
    log.error("sending with Bearer tok_0123456789abcdef failed", { token: "anything", header: "Bearer tok_0123456789abcdef", error: new Error("bad tok_0123456789abcdef") });
    expect(lines[0]).not.toContain("tok_0123456789abcdef");
    expect(JSON.parse(lines[0])).toMatchObject({ msg: "sending with Bearer [redacted] failed", token: "[redacted]", error: "bad [redacted]" });
  });

  it("keeps an error's message and code", () => {
    const { log, lines } = capture();
    const error = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3000"), { code: "ECONNREFUSED" });
    log.warn("report not sent", { error });
    expect(JSON.parse(lines[0]).error).toBe("connect ECONNREFUSED 127.0.0.1:3000 (ECONNREFUSED)");
  });
});
