import { describe, expect, it } from "vitest";
import type { SyslogDestination } from "./delivery-types";
import { syslogErrorWords } from "./syslog-errors";

const target: SyslogDestination = { id: "t", host: "siem.example.org", port: 6514, transport: "tls", format: "cef", caPem: null };
const failure = (code: string, message = "boom") => Object.assign(new Error(message), { code });

describe("syslogErrorWords", () => {
  it("says an untrusted certificate is a CA problem the person can fix", () => {
    expect(syslogErrorWords(failure("SELF_SIGNED_CERT_IN_CHAIN"), target)).toBe("TLS: the receiver's certificate is not signed by a trusted CA (SELF_SIGNED_CERT_IN_CHAIN); set the CA that signed it on the target");
    expect(syslogErrorWords(failure("UNABLE_TO_VERIFY_LEAF_SIGNATURE"), target)).toMatch(/not signed by a trusted CA/);
  });

  it("names a certificate for another host, an expired one, and a failed handshake", () => {
    expect(syslogErrorWords(failure("ERR_TLS_CERT_ALTNAME_INVALID", "Host: siem.example.org. is not in the cert's altnames"), target)).toMatch(/^TLS: the receiver's certificate is not for this host name/);
    expect(syslogErrorWords(failure("CERT_HAS_EXPIRED"), target)).toBe("TLS: the receiver's certificate has expired");
    expect(syslogErrorWords(failure("ERR_SSL_WRONG_VERSION_NUMBER", "wrong version number"), target)).toBe("TLS handshake failed: wrong version number");
  });

  it("says where a connection was refused, and what could not be found", () => {
    expect(syslogErrorWords(failure("ECONNREFUSED"), { ...target, transport: "tcp" })).toBe("connection refused by siem.example.org:6514 (nothing listening on TCP)");
    expect(syslogErrorWords(failure("ENOTFOUND"), target)).toBe("host siem.example.org not found");
    expect(syslogErrorWords(failure("ETIMEDOUT", "no connection within 10000 ms"), target)).toBe("timed out: no connection within 10000 ms");
  });

  it("keeps an unknown error's code and message, bounded", () => {
    expect(syslogErrorWords(failure("EWHAT", "x".repeat(2000)), target)).toHaveLength(1000);
    expect(syslogErrorWords("plain", target)).toBe("plain");
  });
});
