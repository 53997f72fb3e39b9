// The thin layer that talks SNMP (net-snmp): open a v2c or v3 authPriv session, GET sysName, walk
// each column with GETBULK. Everything it learns goes to the pure functions in snmp-fdb.ts.
import snmp, { type Session } from "net-snmp";
import { COLUMNS, SYS_NAME, type SnmpColumn } from "./snmp-oids";
import type { WalkedCell, WalkedColumns } from "./snmp-ports";
import type { SwitchWalk } from "./snmp-fdb";

/** How to reach and authenticate to one switch, with secrets already read from their files. */
export type SwitchTarget = {
  host: string;
  port: number;
  timeoutMs: number;
  retries: number;
  credentials:
    | { version: "2c"; community: string }
    | { version: "3"; user: string; authProtocol: AuthProtocol; authKey: string; privProtocol: PrivProtocol; privKey: string };
};

export type AuthProtocol = "sha" | "sha224" | "sha256" | "sha384" | "sha512";
export type PrivProtocol = "aes" | "aes256b" | "aes256r";

/** Rows per GETBULK: big enough for a 48-port table in a few round trips, small enough for one UDP datagram. */
const MAX_REPETITIONS = 20;

function openSession(target: SwitchTarget): Session {
  const common = { port: target.port, timeout: target.timeoutMs, retries: target.retries, transport: "udp4" as const };
  const c = target.credentials;
  if (c.version === "2c") return snmp.createSession(target.host, c.community, { ...common, version: snmp.Version2c });
  return snmp.createV3Session(
    target.host,
    {
      name: c.user,
      level: snmp.SecurityLevel.authPriv,
      authProtocol: snmp.AuthProtocols[c.authProtocol],
      authKey: c.authKey,
      privProtocol: snmp.PrivProtocols[c.privProtocol],
      privKey: c.privKey,
    },
    { ...common, version: snmp.Version3 },
  );
}

function getScalar(session: Session, oid: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    session.get([oid], (error, varbinds) => {
      if (error) return reject(error);
      const varbind = varbinds?.[0];
      resolve(varbind && !snmp.isVarbindError(varbind) ? varbind.value : undefined);
    });
  });
}

/** One column's cells. A column the switch lacks ends the walk at once: an empty list, no error. */
function walkColumn(session: Session, oid: string): Promise<WalkedCell[]> {
  return new Promise((resolve, reject) => {
    const cells: WalkedCell[] = [];
    session.subtree(
      oid,
      MAX_REPETITIONS,
      (varbinds) => {
        for (const varbind of varbinds) if (!snmp.isVarbindError(varbind)) cells.push({ oid: varbind.oid, value: varbind.value });
      },
      (error) => (error ? reject(error) : resolve(cells)),
    );
  });
}

/** Words for why a switch did not answer, with what to check. Never echoes a secret. */
export function explainSnmpError(error: unknown, target: SwitchTarget): string {
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "RequestTimedOutError" || /timed? ?out/i.test(message)) {
    const tries = target.retries + 1;
    return (
      `no answer after ${tries} ${tries === 1 ? "try" : "tries"} of ${target.timeoutMs} ms: check the address, that SNMP ` +
      `${target.credentials.version === "3" ? "v3 (and this user and its keys)" : "v2c (and this community)"} is enabled and that UDP ${target.port} is allowed from this sensor`
    );
  }
  return `SNMP error: ${message.slice(0, 200)}`;
}

export type WalkOutcome = { walk: SwitchWalk; failures: { column: SnmpColumn; message: string }[] };

/**
 * Walks one switch. The sysName GET goes first: a switch that does not answer it (down, wrong
 * community or key) is not walked any further, so a dead switch costs one timeout, not fifteen.
 */
export async function walkSwitch(target: SwitchTarget): Promise<WalkOutcome> {
  const session = openSession(target);
  session.on("error", () => undefined); // socket errors also reach the pending request's callback
  try {
    const sysName = await getScalar(session, SYS_NAME);
    const columns: WalkedColumns = {};
    const failures: WalkOutcome["failures"] = [];
    for (const [column, oid] of Object.entries(COLUMNS) as [SnmpColumn, string][]) {
      try {
        columns[column] = await walkColumn(session, oid);
      } catch (error) {
        failures.push({ column, message: explainSnmpError(error, target) });
      }
    }
    return { walk: { sysName, columns }, failures };
  } finally {
    session.close();
  }
}
