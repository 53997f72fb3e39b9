import { describe, expect, it } from "vitest";
import { clientAddressOf, normalizeAddress, trustedProxies, UNKNOWN_ADDRESS } from "./client-address";

const none = trustedProxies(undefined);
const lb = trustedProxies("10.0.0.5, 10.1.0.0/16, fd00::/8");

describe("clientAddressOf", () => {
  it("is the peer (the right-most entry) when no proxy is trusted, whatever the client wrote before it", () => {
    expect(clientAddressOf("192.0.2.7", none)).toBe("192.0.2.7");
    expect(clientAddressOf("1.2.3.4, 192.0.2.7", none)).toBe("192.0.2.7");
    expect(clientAddressOf("1.2.3.4, 5.6.7.8, ::ffff:192.0.2.7", none)).toBe("192.0.2.7");
    // A trusted-looking address from an untrusted peer is not believed.
    expect(clientAddressOf("10.0.0.5, 192.0.2.7", lb)).toBe("192.0.2.7");
  });

  it("walks left through trusted proxies only, to the first address that is not one", () => {
    expect(clientAddressOf("1.2.3.4, 198.51.100.20, 10.0.0.5", lb)).toBe("198.51.100.20");
    expect(clientAddressOf("198.51.100.20, 10.1.44.3, 10.0.0.5", lb)).toBe("198.51.100.20");
    expect(clientAddressOf("2001:db8::1, fd00::2", lb)).toBe("2001:db8::1");
    // Only trusted proxies: the left-most (a health check from the balancer itself).
    expect(clientAddressOf("10.1.0.9, 10.0.0.5", lb)).toBe("10.1.0.9");
  });

  it("counts a missing or malformed entry as one shared unknown address", () => {
    expect(clientAddressOf(undefined, none)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddressOf("", none)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddressOf("unknown", none)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddressOf("<script>, 10.0.0.5", lb)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddressOf("not-an-ip", none)).toBe(UNKNOWN_ADDRESS);
  });
});

describe("normalizeAddress", () => {
  it("drops ports and brackets, unwraps IPv4-mapped IPv6, lower-cases IPv6", () => {
    expect(normalizeAddress(" 192.0.2.7:51234 ")).toBe("192.0.2.7");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("::FFFF:192.0.2.7")).toBe("192.0.2.7");
    expect(normalizeAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(normalizeAddress("999.1.1.1")).toBeNull();
  });
});

describe("trustedProxies", () => {
  it("reads addresses and CIDR ranges, IPv4 and IPv6", () => {
    const list = trustedProxies("10.0.0.5,172.16.0.0/12 , 2001:db8::/32");
    expect(list.check("10.0.0.5", "ipv4")).toBe(true);
    expect(list.check("172.31.255.1", "ipv4")).toBe(true);
    expect(list.check("172.32.0.1", "ipv4")).toBe(false);
    expect(list.check("2001:db8:1::1", "ipv6")).toBe(true);
  });

  it("refuses anything else loudly rather than trusting it", () => {
    for (const bad of ["10.0.0.0/33", "10.0.0.0/", "proxy.local", "10.0.0.0/8/1", "*", "2001:db8::/129"]) {
      expect(() => trustedProxies(bad), bad).toThrow(/TRUSTED_PROXIES/);
    }
  });
});
