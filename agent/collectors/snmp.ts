// Switches over SNMP: where each MAC is plugged in (switch port, VLAN) and what that port measures
// (speed, duplex, PoE, LLDP neighbour). The physical layer of devices this sensor is not on.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Collector, CollectorProblem, CollectorResult } from "./types";
import { switchObservations, type SwitchReading } from "./snmp-fdb";
import { explainSnmpError, walkSwitch, type SwitchTarget } from "./snmp-walk";

const path = z.string().min(1).max(4096);

const switchSchema = z
  .strictObject({
    host: z.string().min(1).max(255),
    port: z.int().min(1).max(65535).default(161),
    /** The switch's name in switchPort ("name/ifName"); else its sysName, else host. */
    name: z.string().min(1).max(64).optional(),
    version: z.enum(["2c", "3"]),
    communityFile: path.optional(),
    user: z.string().min(1).max(64).optional(),
    authProtocol: z.enum(["sha", "sha224", "sha256", "sha384", "sha512"]).default("sha"),
    authKeyFile: path.optional(),
    privProtocol: z.enum(["aes", "aes256b", "aes256r"]).default("aes"),
    privKeyFile: path.optional(),
    /** ifNames whose MACs are never placed (trunks to other switches). */
    uplinkPorts: z.array(z.string().min(1).max(64)).max(512).optional(),
    /** A port with more learned MACs than this is an uplink or an unmanaged switch behind it. */
    maxMacsPerPort: z.int().min(1).max(4096).default(8),
  })
  .superRefine((s, ctx) => {
    if (s.version === "2c" && !s.communityFile) ctx.addIssue({ code: "custom", path: ["communityFile"], message: "SNMP v2c needs communityFile (a file holding the community)" });
    if (s.version !== "3") return;
    // authNoPriv and noAuthNoPriv would send every MAC and port in clear over the network.
    for (const key of ["user", "authKeyFile", "privKeyFile"] as const) {
      if (!s[key]) ctx.addIssue({ code: "custom", path: [key], message: `SNMP v3 needs ${key}: only authPriv is accepted, so the forwarding table never crosses the network in clear` });
    }
  });

export const snmpOptions = z.object({
  enabled: z.boolean().default(false),
  timeoutMs: z.int().min(100).max(60_000).default(5000),
  retries: z.int().min(0).max(5).default(1),
  switches: z.array(switchSchema).max(256).default([]),
});

export type SnmpOptions = z.output<typeof snmpOptions>;
type SwitchOptions = SnmpOptions["switches"][number];

/** Switches walked at once: enough to finish 256 switches in a cycle, few enough to stay polite. */
const CONCURRENCY = 4;

/** A secret file's content, trimmed (editors add a newline). The error names the file, never its content. */
async function readSecret(file: string, what: string): Promise<string> {
  try {
    const secret = (await readFile(file, "utf8")).trim();
    if (!secret) throw new Error("it is empty");
    return secret;
  } catch (error) {
    const why = error instanceof Error && "code" in error ? String(error.code) : error instanceof Error ? error.message : "unreadable";
    throw new Error(`cannot read the ${what} file ${file} (${why})`);
  }
}

async function targetOf(s: SwitchOptions, options: SnmpOptions): Promise<SwitchTarget> {
  const base = { host: s.host, port: s.port, timeoutMs: options.timeoutMs, retries: options.retries };
  if (s.version === "2c") return { ...base, credentials: { version: "2c", community: await readSecret(s.communityFile!, "community") } };
  const [authKey, privKey] = [await readSecret(s.authKeyFile!, "SNMPv3 auth key"), await readSecret(s.privKeyFile!, "SNMPv3 privacy key")];
  return { ...base, credentials: { version: "3", user: s.user!, authProtocol: s.authProtocol, authKey, privProtocol: s.privProtocol, privKey } };
}

/** A counted note on the ports left out, e.g. "2 uplink ports left out (47 MACs): Gi1/0/47 (20), …". */
export function skippedNote(skipped: SwitchReading["skipped"]): string | null {
  if (skipped.length === 0) return null;
  const macs = skipped.reduce((sum, s) => sum + s.macs, 0);
  const list = skipped.map((s) => `${s.port} (${s.macs}, ${s.reason})`).join(", ");
  return `${skipped.length} uplink port${skipped.length === 1 ? "" : "s"} left out (${macs} MACs not placed): ${list}`;
}

export type SnmpCollector = Collector & {
  /** Notes from the last collect (uplink ports skipped): information, not problems. */
  readonly notes: readonly string[];
};

export function snmpCollector(options: SnmpOptions): SnmpCollector {
  const targets = new Map<SwitchOptions, SwitchTarget | Error>();
  let notes: string[] = [];

  async function loadTargets() {
    for (const s of options.switches) targets.set(s, await targetOf(s, options).catch((error: Error) => error));
  }

  async function readSwitch(s: SwitchOptions, now: Date, result: CollectorResult, nextNotes: string[]) {
    const where = `snmp ${s.host}:${s.port}`;
    if (!targets.has(s)) targets.set(s, await targetOf(s, options).catch((error: Error) => error));
    const target = targets.get(s)!;
    if (target instanceof Error) return void result.problems.push({ where, message: target.message });
    try {
      const { walk, failures } = await walkSwitch(target);
      const reading = switchObservations(walk, { host: s.host, name: s.name, uplinkPorts: s.uplinkPorts, maxMacsPerPort: s.maxMacsPerPort }, now);
      result.observations.push(...reading.observations);
      result.problems.push(...failures.map((f): CollectorProblem => ({ where: `${where} ${f.column}`, message: f.message })));
      const note = skippedNote(reading.skipped);
      if (note) nextNotes.push(`${where}: ${note}`);
    } catch (error) {
      result.problems.push({ where, message: `switch ${s.host} did not answer: ${explainSnmpError(error, target)}` });
    }
  }

  return {
    name: "snmp",
    get notes() {
      return notes;
    },
    async start() {
      await loadTargets();
    },
    async collect(now) {
      const result: CollectorResult = { observations: [], problems: [] };
      if (!options.enabled) return result;
      const nextNotes: string[] = [];
      const queue = [...options.switches];
      const worker = async () => {
        for (let s = queue.shift(); s; s = queue.shift()) await readSwitch(s, now, result, nextNotes);
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
      notes = nextNotes;
      return { ...result, notes };
    },
  };
}
