import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, defaultSpoolDir, loadConfig, resolveToken } from "./config";
import { createLogger } from "./log";

// The collectors' options as their modules define them (enabled + defaults); composed like config-collectors.ts does.
const snmpLike = z.object({
  enabled: z.boolean().default(false),
  switches: z.array(z.object({ host: z.string(), community: z.string().optional() })).default([]),
});
const neighboursLike = z.object({ enabled: z.boolean().default(true), arpPath: z.string().default("/proc/net/arp") });
const collectors = z.strictObject({ snmp: snmpLike.strict().prefault({}), neighbours: neighboursLike.strict().prefault({}) }).prefault({});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "config-test-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function configFile(value: unknown) {
  const path = join(dir, "agent.json");
  await writeFile(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}

async function errorOf(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe("loadConfig", () => {
  it("fills every default, the collectors' included, and resolves a relative spool folder against the config file", async () => {
    const config = await loadConfig(collectors, await configFile({ url: "https://iomt.example.org", spool: { dir: "spool" } }));
    expect(config).toEqual({
      url: "https://iomt.example.org",
      hostname: hostname(),
      intervalSeconds: 60,
      snapshotMinutes: 15,
      spool: { dir: join(dir, "spool"), maxBytes: 100 * 1024 * 1024 },
      send: { timeoutSeconds: 30, maxBackoffSeconds: 300, authRetrySeconds: 300 },
      log: { level: "info" },
      enforce: { enabled: false, method: "sysfs", pollSeconds: 30 },
      collectors: { snmp: { enabled: false, switches: [] }, neighbours: { enabled: true, arpPath: "/proc/net/arp" } },
    });
  });

  it("lets flags override the file", async () => {
    const config = await loadConfig(collectors, await configFile({ url: "https://old.example.org" }), { url: "http://127.0.0.1:3000", tokenFile: "/etc/t" });
    expect(config.url).toBe("http://127.0.0.1:3000");
    expect(config.tokenFile).toBe("/etc/t");
  });

  it("names an unknown key, at the top and inside a collector", async () => {
    const top = await errorOf(loadConfig(collectors, await configFile({ url: "https://x.example.org", intervalSecs: 30 })));
    expect(top.message).toContain('(config): Unrecognized key: "intervalSecs"');
    const inner = await errorOf(loadConfig(collectors, await configFile({ collectors: { snmp: { enabled: true, comunity: "public" } } })));
    expect(inner.message).toContain('collectors.snmp: Unrecognized key: "comunity"');
    const collector = await errorOf(loadConfig(collectors, await configFile({ collectors: { lldp: {} } })));
    expect(collector.message).toContain('collectors: Unrecognized key: "lldp"');
  });

  it("names the path of a wrong value deep inside", async () => {
    const error = await errorOf(loadConfig(collectors, await configFile({ intervalSeconds: 2, collectors: { snmp: { switches: [{ host: 42 }] } } })));
    expect(error.message).toMatch(/intervalSeconds: Too small: expected number to be >=5/);
    expect(error.message).toMatch(/collectors\.snmp\.switches\.0\.host: Invalid input: expected string, received number/);
    expect(error.exitCode).toBe(2);
  });

  it("refuses a token key in the file (the token never lives in the config)", async () => {
    const error = await errorOf(loadConfig(collectors, await configFile({ token: "abc" })));
    expect(error.message).toContain('Unrecognized key: "token"');
  });

  it("refuses a non-http URL, broken JSON and a missing file, naming the file", async () => {
    expect((await errorOf(loadConfig(collectors, await configFile({ url: "ftp://x" })))).message).toContain("url: must be an http(s) URL");
    expect((await errorOf(loadConfig(collectors, await configFile("{ url: ")))).message).toMatch(/agent\.json is not valid JSON/);
    expect((await errorOf(loadConfig(collectors, join(dir, "none.json")))).message).toMatch(/cannot read config file .*none\.json/);
  });

  it("puts the spool under systemd's StateDirectory when there is one", () => {
    expect(defaultSpoolDir({ STATE_DIRECTORY: "/var/lib/iomt-agent" })).toBe("/var/lib/iomt-agent/spool");
    expect(defaultSpoolDir({})).toBe(join(process.cwd(), "iomt-agent-spool"));
  });
});

describe("resolveToken", () => {
  const quiet = createLogger({ write: () => {} });

  it("prefers the flag, then the environment, then the file (trimmed)", async () => {
    const file = join(dir, "token");
    await writeFile(file, "  from-file-token\n", { mode: 0o600 });
    expect(await resolveToken({ flag: "from-flag", env: "from-env", tokenFile: file, log: quiet })).toBe("from-flag");
    expect(await resolveToken({ env: "from-env", tokenFile: file, log: quiet })).toBe("from-env");
    expect(await resolveToken({ tokenFile: file, log: quiet })).toBe("from-file-token");
    expect(await resolveToken({ log: quiet })).toBeUndefined();
  });

  it("warns about a world-readable token file, without logging the token", async () => {
    const file = join(dir, "token");
    await writeFile(file, "world-readable-token");
    await chmod(file, 0o644);
    const lines: string[] = [];
    await resolveToken({ tokenFile: file, log: createLogger({ write: (l) => lines.push(l) }) });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: "warn", file });
    expect(lines[0]).not.toContain("world-readable-token");
  });

  it("refuses an empty or missing token file", async () => {
    const file = join(dir, "token");
    await writeFile(file, "\n");
    expect((await errorOf(resolveToken({ tokenFile: file, log: quiet }))).message).toContain("is empty");
    expect((await errorOf(resolveToken({ tokenFile: join(dir, "nope"), log: quiet }))).message).toContain("tokenFile: cannot read");
  });
});
