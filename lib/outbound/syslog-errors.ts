// Why a syslog send failed, in words a person reading the delivery log can act on.
import type { SyslogDestination } from "./delivery-types";

const TLS_TRUST = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
]);

const MAX_WORDS = 1000;

function codeOf(error: unknown): string {
  return error && typeof error === "object" && "code" in error && typeof error.code === "string" ? error.code : "";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function tlsWords(code: string, message: string): string | null {
  if (TLS_TRUST.has(code)) {
    return `TLS: the receiver's certificate is not signed by a trusted CA (${code}); set the CA that signed it on the target`;
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return `TLS: the receiver's certificate is not for this host name (${message})`;
  if (code === "CERT_HAS_EXPIRED") return "TLS: the receiver's certificate has expired";
  if (code === "CERT_NOT_YET_VALID") return "TLS: the receiver's certificate is not valid yet";
  if (code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS") || /\bSSL\b|TLS/.test(message)) return `TLS handshake failed: ${message}`;
  return null;
}

export function syslogErrorWords(error: unknown, target: SyslogDestination): string {
  const code = codeOf(error);
  const message = messageOf(error);
  const where = `${target.host}:${target.port}`;
  const words =
    tlsWords(code, message) ??
    {
      ECONNREFUSED: `connection refused by ${where} (nothing listening on ${target.transport.toUpperCase()})`,
      ECONNRESET: `${where} closed the connection`,
      EPIPE: `${where} closed the connection`,
      ETIMEDOUT: `timed out: ${message}`,
      ENOTFOUND: `host ${target.host} not found`,
      EAI_AGAIN: `host ${target.host} could not be looked up (DNS)`,
      EHOSTUNREACH: `host ${target.host} unreachable`,
      ENETUNREACH: `network unreachable for ${target.host}`,
      EMSGSIZE: "the datagram is too large for the network",
    }[code] ??
    `${code ? `${code}: ` : ""}${message}`;
  return words.slice(0, MAX_WORDS);
}
