// Sends one outbound event to one syslog target: a UDP datagram, or an RFC 6587 octet-counted
// frame (`<length> <message>`) on a TCP or TLS (RFC 5425) stream. Syslog has no acknowledgement:
// "delivered" means handed to the operating system (UDP) or written to the socket and flushed
// (TCP, TLS). Whether the SIEM kept it, only the SIEM can say.
import dgram from "node:dgram";
import dns from "node:dns/promises";
import net from "node:net";
import os from "node:os";
import type { OutboundEvent } from "../domain/integrations/events";
import { formatSyslogMessage, STREAM_MAX_BYTES, UDP_MAX_BYTES } from "../domain/integrations/syslog-format";
import type { DeliveryResult, SyslogDestination } from "./delivery-types";
import { connectionFor, discard, touch } from "./syslog-connection";
import { syslogErrorWords } from "./syslog-errors";

export const DEFAULT_TIMEOUT_MS = 10_000;
/** The CEF Device Version: the event schema's version, which is what a SIEM's parser relies on. */
export const CEF_PRODUCT_VERSION = "1";

/** The message for `target`, as the bytes that go on the wire (framed for streams). */
export function syslogWireMessage(target: SyslogDestination, event: OutboundEvent): { payload: Buffer; truncated: boolean } {
  const message = formatSyslogMessage(event, {
    format: target.format,
    hostname: os.hostname(),
    procId: process.pid,
    productVersion: CEF_PRODUCT_VERSION,
    maxBytes: target.transport === "udp" ? UDP_MAX_BYTES : STREAM_MAX_BYTES,
  });
  const body = Buffer.from(message.text, "utf8");
  if (target.transport === "udp") return { payload: body, truncated: message.truncated };
  return { payload: Buffer.concat([Buffer.from(`${body.length} `, "ascii"), body]), truncated: message.truncated };
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} took longer than ${timeoutMs} ms`), { code: "ETIMEDOUT" })), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function sendDatagram(target: SyslogDestination, payload: Buffer, timeoutMs: number): Promise<void> {
  // Looked up once, and sent to that address: the socket's family must match it.
  const { address, family } = net.isIP(target.host) ? { address: target.host, family: net.isIP(target.host) } : await withTimeout(dns.lookup(target.host), timeoutMs, "looking up the host");
  const socket = dgram.createSocket(family === 6 ? "udp6" : "udp4");
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.once("error", reject);
        socket.send(payload, target.port, address, (error) => (error ? reject(error) : resolve()));
      }),
      timeoutMs,
      "sending the datagram",
    );
  } finally {
    socket.close();
  }
}

function write(socket: net.Socket, payload: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    socket.once("error", onError);
    socket.write(payload, (error) => {
      socket.off("error", onError);
      if (error) reject(error);
      else resolve();
    });
  });
}

async function sendOnStream(target: SyslogDestination, payload: Buffer, timeoutMs: number): Promise<void> {
  const { connection, fresh } = await connectionFor(target, timeoutMs);
  try {
    await withTimeout(write(connection.socket, payload), timeoutMs, "writing to the receiver");
    touch(connection);
  } catch (error) {
    discard(connection);
    // A kept connection may have been closed by the receiver while idle: dial once more.
    if (fresh) throw error;
    const retry = await connectionFor(target, timeoutMs);
    try {
      await withTimeout(write(retry.connection.socket, payload), timeoutMs, "writing to the receiver");
      touch(retry.connection);
    } catch (again) {
      discard(retry.connection);
      throw again;
    }
  }
}

export async function sendSyslog(target: SyslogDestination, event: OutboundEvent, options?: { timeoutMs?: number }): Promise<DeliveryResult> {
  const timeoutMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = Date.now();
  try {
    const { payload, truncated } = syslogWireMessage(target, event);
    if (target.transport === "udp") await sendDatagram(target, payload, timeoutMs);
    else await sendOnStream(target, payload, timeoutMs);
    const how = target.transport === "udp" ? "datagram sent" : "written and flushed";
    const answer = `${how}: ${payload.length} bytes over ${target.transport.toUpperCase()}${truncated ? " (body cut to fit)" : ""}; syslog has no acknowledgement`;
    return { ok: true, answer, durationMs: Date.now() - started };
  } catch (error) {
    return { ok: false, error: syslogErrorWords(error, target), durationMs: Date.now() - started };
  }
}

export { closeSyslogConnections } from "./syslog-connection";
