// The agent's configuration: one JSON file, validated strictly (an unknown or misspelt key is an
// error naming it, not a silently ignored option), with command-line flags laid over it. The
// collectors' own options are composed in config-collectors.ts; this file holds the rest.
import { readFile, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import type { Logger } from "./log";

const MiB = 1024 * 1024;

/** Where reports wait for the server: under systemd's StateDirectory when there is one, else beside the working directory. */
export function defaultSpoolDir(env: Record<string, string | undefined> = process.env): string {
  const state = env.STATE_DIRECTORY?.split(":")[0];
  return state ? join(state, "spool") : resolve("iomt-agent-spool");
}

const baseShape = {
  /** The dashboard's base URL, e.g. "https://iomt.example.org"; reports go to {url}/api/v1/reports. */
  url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL, e.g. https://iomt.example.org" }).optional(),
  /** A file holding the agent token (trimmed). The token itself is never a config key: flag --token or env IOMT_AGENT_TOKEN. */
  tokenFile: z.string().min(1).max(4096).optional(),
  /** The network segment (network.segment) written on every observation that names none (USB devices are on their host's). */
  segment: z.string().min(1).max(128).optional(),
  /** The name the agent reports itself by (agent.hostname); the machine's host name by default. */
  hostname: z.string().min(1).max(255).default(() => hostname()),
  /** Seconds between two collection cycles (one report each). */
  intervalSeconds: z.int().min(5).max(3600).default(60),
  /** Minutes between two snapshots (a full report; deltas in between). The first report after a start is always one. */
  snapshotMinutes: z.int().min(1).max(1440).default(15),
  spool: z
    .strictObject({
      /** Folder of reports not yet accepted (relative paths are resolved against the config file's folder). */
      dir: z.string().min(1).max(4096).optional(),
      /** Upper bound of the spool on disk; when over, the oldest reports are dropped (and counted). */
      maxBytes: z.int().min(64 * 1024).max(64 * 1024 * MiB).default(100 * MiB),
    })
    .prefault({}),
  send: z
    .strictObject({
      /** Seconds one POST may take before it is abandoned and retried. */
      timeoutSeconds: z.number().min(1).max(600).default(30),
      /** Upper bound of the wait between two retries (exponential backoff with full jitter). */
      maxBackoffSeconds: z.number().min(1).max(3600).default(300),
      /** Seconds to wait before trying again after the server refused the token (401/403). */
      authRetrySeconds: z.number().min(5).max(86_400).default(300),
    })
    .prefault({}),
  log: z
    .strictObject({
      /** debug | info | warn | error (JSON lines on stderr). */
      level: z.enum(["debug", "info", "warn", "error"]).default("info"),
    })
    .prefault({}),
  /** Enforcement (protocol "Enforcement"): the dashboard's USB decisions applied on this host. Off unless enabled. */
  enforce: z
    .strictObject({
      enabled: z.boolean().default(false),
      /** sysfs: write /sys/bus/usb/devices/…/authorized (root); usbguard: write a USBGuard rules file instead. */
      method: z.enum(["sysfs", "usbguard"]).default("sysfs"),
      /** Seconds between two policy fetches (enforcement also runs after every USB collection). */
      pollSeconds: z.int().min(5).max(3600).default(30),
      usbguard: z
        .strictObject({
          /** Where the rules go, e.g. /etc/usbguard/rules.d/70-iomt.conf (absolute). */
          rulesFile: z.string().min(1).max(4096).refine((path) => isAbsolute(path), "must be an absolute path"),
          /** Run after each new rules file, e.g. ["systemctl", "restart", "usbguard"]: an argv array, no shell. */
          reloadCommand: z.array(z.string().min(1).max(4096)).min(1).max(32).optional(),
        })
        .optional(),
    })
    .prefault({})
    .refine((e) => !e.enabled || e.method !== "usbguard" || e.usbguard !== undefined, { message: "method usbguard needs usbguard.rulesFile", path: ["usbguard"] }),
};

export type EnforceConfig = z.output<typeof baseShape.enforce>;

/** The whole config schema, given the collectors' composed schema (config-collectors.ts). */
export function configSchema<C extends z.ZodType>(collectors: C) {
  return z.strictObject({ ...baseShape, collectors });
}

export type BaseConfig = z.output<z.ZodObject<typeof baseShape>> & { spool: { dir: string } };
export type AgentConfig<C> = Omit<BaseConfig, "collectors"> & { collectors: C };

/** A mistake in the configuration or the command line: exit code 2, message names the field. */
export class ConfigError extends Error {
  readonly exitCode = 2;
}

/** "collectors.snmp.switches.0.host: expected string" — one line per problem. */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.map(String).join(".") || "(config)"}: ${issue.message}`).join("\n");
}

export type ConfigOverrides = { url?: string; tokenFile?: string };

/** Reads and validates the config file (if any), with flags laid over it. */
export async function loadConfig<C extends z.ZodType>(
  collectors: C,
  file: string | undefined,
  overrides: ConfigOverrides = {},
): Promise<AgentConfig<z.output<C>>> {
  const raw = file ? await readJson(file) : {};
  const merged = { ...raw, ...definedOnly(overrides) };
  const parsed = configSchema(collectors).safeParse(merged);
  if (!parsed.success) throw new ConfigError(`${file ? `${file}: ` : ""}invalid configuration\n${formatIssues(parsed.error)}`);
  const config = parsed.data as Omit<BaseConfig, "spool"> & { spool: { dir?: string; maxBytes: number }; collectors: z.output<C> };
  const base = file ? dirname(resolve(file)) : process.cwd();
  const dir = config.spool.dir ? (isAbsolute(config.spool.dir) ? config.spool.dir : resolve(base, config.spool.dir)) : defaultSpoolDir();
  return { ...config, spool: { ...config.spool, dir } };
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ConfigError(`config file ${file} must hold a JSON object`);
  return value as Record<string, unknown>;
}

const definedOnly = (o: Record<string, string | undefined>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

type TokenSources = { flag?: string; env?: string; tokenFile?: string; log: Logger };

/**
 * The agent token: --token, else IOMT_AGENT_TOKEN, else the token file (trimmed). A token file
 * others can read is a leak waiting to happen: warn, naming the file and the fix.
 */
export async function resolveToken(sources: TokenSources): Promise<string | undefined> {
  if (sources.flag) return sources.flag.trim();
  if (sources.env?.trim()) return sources.env.trim();
  if (!sources.tokenFile) return undefined;
  let text: string;
  try {
    const info = await stat(sources.tokenFile);
    if (process.platform !== "win32" && (info.mode & 0o004) !== 0) {
      sources.log.warn("the token file is readable by every user of this machine; run: chmod 600 <file>", { file: sources.tokenFile });
    }
    text = await readFile(sources.tokenFile, "utf8");
  } catch (error) {
    throw new ConfigError(`tokenFile: cannot read ${sources.tokenFile}: ${(error as Error).message}`);
  }
  const token = text.trim();
  if (!token) throw new ConfigError(`tokenFile: ${sources.tokenFile} is empty`);
  return token;
}
