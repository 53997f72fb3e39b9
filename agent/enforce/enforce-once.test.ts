// `iomt-agent --once` with enforcement enabled, against a small local server: the policy is
// fetched, the fixture copy's device is cut, the action is reported, and the report's health
// carries the "enforce" entry.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copySysfsFixture, type SysfsCopy } from "../../tests/support/usb-fixture-copy";

const VERSION = "abcdefabcdef0123";
const POLICY = {
  schema: "iomt.enforcement-policy/v1",
  version: VERSION,
  mode: "block_listed",
  block: [{ ruleId: "device:inj", deviceId: "inj", policy: "blocked by alice@hospital.org", reason: "injector", scope: "interface", interfaceClasses: [8], match: { vendorId: "046d", productId: "c31c", serial: "7A3B9C01" } }],
  allow: [],
};

let copy: SysfsCopy;
beforeEach(async () => {
  copy = await copySysfsFixture();
});
afterEach(() => copy.remove());

describe("iomt-agent --once with enforcement", { timeout: 60_000 }, () => {
  it("fetches the policy, cuts the interface, reports the action and its health", async () => {
    const seen: { method: string; path: string; body?: unknown }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks);
        const body = raw.length ? JSON.parse((req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString()) : undefined;
        seen.push({ method: req.method!, path: req.url!, body });
        if (req.method === "GET") return void res.writeHead(200, { "content-type": "application/json", etag: `"${VERSION}"` }).end(JSON.stringify(POLICY));
        res.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify({ accepted: 1, duplicates: 0 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const config = join(copy.dir, "agent.json");
    await writeFile(config, JSON.stringify({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      hostname: "kiosk-7",
      spool: { dir: join(copy.dir, "spool") },
      collectors: { usb: { sysfsRoot: copy.root }, neighbours: { enabled: false } },
      enforce: { enabled: true },
    }));
    const child = spawn(process.execPath, ["--import", "tsx", "agent/main.ts", "--config", config, "--once"], {
      cwd: join(import.meta.dirname, "../.."),
      env: { ...process.env, IOMT_AGENT_TOKEN: "env-token-0123" },
      stdio: "ignore",
    });
    const code = await new Promise((resolve) => child.once("exit", resolve));
    server.close();
    expect(code).toBe(0);
    expect(await copy.authorized("1-2:1.1")).toBe("0");
    expect(await copy.authorized("1-2")).toBe("1");
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(["GET /api/v1/enforcement", "POST /api/v1/enforcement", "POST /api/v1/reports"]);
    expect(seen[1].body).toMatchObject({ policyVersion: VERSION, agent: { hostname: "kiosk-7" }, actions: [{ actionId: `1-2:1.1:blocked:${VERSION}`, scope: "interface", target: "1-2:1.1" }] });
    const health = (seen[2].body as { agent: { collectors: { name: string }[] } }).agent.collectors;
    expect(health.find((c) => c.name === "enforce")).toEqual({ name: "enforce", ok: true, observations: 1, problems: [] });
  });
});
