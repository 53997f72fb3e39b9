// One open TCP or TLS connection per syslog target, reused from send to send and closed after a
// quiet minute: a SIEM receiver expects a long-lived stream (RFC 6587, RFC 5425), not a handshake
// per event. A connection that errors or is closed by the receiver is forgotten, and the next send
// opens a new one.
import net from "node:net";
import tls from "node:tls";
import type { SyslogDestination } from "./delivery-types";

export const IDLE_CLOSE_MS = 60_000;

type Connection = { socket: net.Socket; key: string; targetId: string; idle: NodeJS.Timeout | null };

/** Open connections by target, and connections being dialled (so two sends share one dial). */
const open = new Map<string, Connection>();
const dialling = new Map<string, Promise<Connection>>();

/** A target's settings as one key: an edited target (new host, port, CA) gets a new connection. */
function connectionKey(target: SyslogDestination): string {
  return JSON.stringify([target.id, target.transport, target.host, target.port, target.caPem ?? ""]);
}

function forget(connection: Connection) {
  if (connection.idle) clearTimeout(connection.idle);
  if (open.get(connection.key) === connection) open.delete(connection.key);
}

/** Restarts the idle timer after each use; the timer does not keep the process alive. */
export function touch(connection: Connection) {
  if (connection.idle) clearTimeout(connection.idle);
  connection.idle = setTimeout(() => {
    forget(connection);
    connection.socket.end();
  }, IDLE_CLOSE_MS);
  connection.idle.unref();
}

function dial(target: SyslogDestination): net.Socket {
  if (target.transport === "tls") {
    return tls.connect({
      host: target.host,
      port: target.port,
      // SNI takes a name, never an address (RFC 6066); an address is still checked against the
      // certificate's IP entries by the default identity check.
      servername: net.isIP(target.host) ? undefined : target.host,
      // The target's CA when it names one; otherwise Node's trusted roots. Verification stays on.
      ca: target.caPem ?? undefined,
      rejectUnauthorized: true,
    });
  }
  return net.connect({ host: target.host, port: target.port });
}

function establish(target: SyslogDestination, key: string, timeoutMs: number): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = dial(target);
    const connection: Connection = { socket, key, targetId: target.id, idle: null };
    const timer = setTimeout(() => {
      socket.destroy(Object.assign(new Error(`no connection within ${timeoutMs} ms`), { code: "ETIMEDOUT" }));
    }, timeoutMs);
    socket.once(target.transport === "tls" ? "secureConnect" : "connect", () => {
      clearTimeout(timer);
      socket.setKeepAlive(true, 30_000);
      socket.unref();
      open.set(key, connection);
      touch(connection);
      resolve(connection);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // The receiver never talks back on a syslog stream; whatever it sends is discarded, and its
    // closing the stream (or any later error) means the next send dials again.
    socket.on("data", () => undefined);
    socket.on("error", () => forget(connection));
    socket.on("end", () => forget(connection));
    socket.on("close", () => forget(connection));
  });
}

/** The open connection to `target`, or a new one; `fresh` when it was just made. */
export async function connectionFor(target: SyslogDestination, timeoutMs: number): Promise<{ connection: Connection; fresh: boolean }> {
  const key = connectionKey(target);
  const existing = open.get(key);
  if (existing && !existing.socket.destroyed && existing.socket.writable) return { connection: existing, fresh: false };
  // A connection made with the target's old settings (an edit changed its host, port or CA) goes.
  for (const stale of [...open.values()]) if (stale.targetId === target.id) discard(stale);
  let pending = dialling.get(key);
  if (!pending) {
    pending = establish(target, key, timeoutMs).finally(() => dialling.delete(key));
    dialling.set(key, pending);
  }
  return { connection: await pending, fresh: true };
}

/** Drops a connection a write failed on, so the next try dials again. */
export function discard(connection: Connection) {
  forget(connection);
  connection.socket.destroy();
}

/** Closes every open connection (tests, shutdown). */
export function closeSyslogConnections(): void {
  for (const connection of [...open.values()]) discard(connection);
}
