// Test fixtures for the capture collector: real frames captured with tcpdump from Debian's
// dhclient (4.4) and Linux's TCP stack in a veth namespace pair, and a pcap stream writer.
// Only tests import this file.
import { MAGIC_MICROS, MAGIC_NANOS } from "./capture-pcap";

/** DHCPDISCOVER from dhclient on 62:b3:cc:65:16:e2: hostname "vm", option 55 = 1,28,2,3,15,6,119,12,44,47,26,121,42. */
export const REAL_DHCP_DISCOVER = Buffer.from(
  "ffffffffffff62b3cc6516e2080045100148000000008011399600000000ffffffff004400430134b7d101010600398b7c0b" +
    "000000000000000000000000000000000000000062b3cc6516e2" +
    "00".repeat(202) +
    "638253633501010c02766d370d011c02030f06770c2c2f1a792aff" +
    "00".repeat(37),
  "hex",
);

/** A Linux 6.x SYN from 10.250.13.2 (same MAC) to 10.250.13.1:8080: MSS 1460, SACK, TS, NOP, WS 10. */
export const REAL_TCP_SYN = Buffer.from(
  "f218bc129c4a62b3cc6516e208004500003cd6c64000400633ff0afa0d020afa0d01c1641f90b3bc302c00000000a002faf030250000020405b40402080a49434112000000000103030a",
  "hex",
);

/** A pcap stream in one buffer: the global header in the given byte order, then the records. */
export function pcapBytes(packets: { timestampMs: number; data: Buffer }[], options: { littleEndian?: boolean; nanos?: boolean; linkType?: number } = {}): Buffer {
  const { littleEndian = true, nanos = false, linkType = 1 } = options;
  const u32 = (value: number) => {
    const b = Buffer.alloc(4);
    if (littleEndian) b.writeUInt32LE(value);
    else b.writeUInt32BE(value);
    return b;
  };
  const u16 = (value: number) => u32(value).subarray(littleEndian ? 0 : 2, littleEndian ? 2 : 4);
  const header = Buffer.concat([u32(nanos ? MAGIC_NANOS : MAGIC_MICROS), u16(2), u16(4), u32(0), u32(0), u32(65535), u32(linkType)]);
  const records = packets.map(({ timestampMs, data }) => {
    const fraction = (timestampMs % 1000) * (nanos ? 1_000_000 : 1000);
    return Buffer.concat([u32(Math.floor(timestampMs / 1000)), u32(fraction), u32(data.length), u32(data.length), data]);
  });
  return Buffer.concat([header, ...records]);
}
