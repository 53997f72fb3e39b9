import { describe, expect, it } from "vitest";
import { parseFrame } from "./capture-packets";
import { initialTtl } from "./capture-tcp";
import { REAL_DHCP_DISCOVER, REAL_TCP_SYN } from "./capture-fixtures";

/** The same frame with an 802.1Q tag (VLAN 20) after the MAC addresses. */
const tagged = (frame: Buffer) => Buffer.concat([frame.subarray(0, 12), Buffer.from("81000014", "hex"), frame.subarray(12)]);

describe("parseFrame", () => {
  it("reads a real DHCPDISCOVER from Debian's dhclient", () => {
    expect(parseFrame(REAL_DHCP_DISCOVER)).toEqual({
      kind: "dhcp",
      sourceMac: "62:b3:cc:65:16:e2",
      dhcp: { messageType: 1, hostname: "vm", chaddr: "62:b3:cc:65:16:e2", parameterList: [1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42] },
    });
  });

  it("signs a real Linux SYN the way p0f does", () => {
    expect(parseFrame(REAL_TCP_SYN)).toEqual({
      kind: "syn",
      sourceMac: "62:b3:cc:65:16:e2",
      sourceIp: "10.250.13.2",
      syn: { signature: "4:64+0:0:1460:mss*44,10:mss,sok,ts,nop,ws:df,id+:0", ttl: 64, initialTtl: 64, hops: 0 },
    });
  });

  it("looks past 802.1Q tags", () => {
    expect(parseFrame(tagged(REAL_TCP_SYN))).toMatchObject({ kind: "syn", syn: { ttl: 64 } });
    expect(parseFrame(tagged(REAL_DHCP_DISCOVER))).toMatchObject({ kind: "dhcp", dhcp: { hostname: "vm" } });
  });

  it("ignores a SYN-ACK, a truncated DHCP message and other link types", () => {
    const synAck = Buffer.from(REAL_TCP_SYN);
    synAck[14 + 20 + 13] = 0x12;
    expect(parseFrame(synAck)).toBeNull();
    expect(parseFrame(REAL_DHCP_DISCOVER.subarray(0, 200))).toBeNull();
    expect(parseFrame(REAL_TCP_SYN, 113)).toBeNull();
  });

  it("marks a routed SYN with its hop distance and quirks", () => {
    const routed = Buffer.from(REAL_TCP_SYN);
    routed[14 + 8] = 57; // TTL after 7 routers
    routed.writeUInt16BE(0, 14 + 4); // IP ID 0
    routed.writeUInt16BE(0, 14 + 6); // no DF
    expect(parseFrame(routed)).toMatchObject({ syn: { signature: "4:57+7:0:1460:mss*44,10:mss,sok,ts,nop,ws:id-:0", hops: 7 } });
  });

  it("guesses initial TTLs as p0f does", () => {
    expect([1, 32, 33, 64, 65, 128, 129, 255].map(initialTtl)).toEqual([32, 32, 64, 64, 128, 128, 255, 255]);
  });
});
