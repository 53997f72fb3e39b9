import { describe, expect, it } from "vitest";
import { PcapStreamReader } from "./capture-pcap";
import { pcapBytes, REAL_DHCP_DISCOVER, REAL_TCP_SYN } from "./capture-fixtures";

const packets = [
  { timestampMs: 1_796_427_651_001, data: REAL_DHCP_DISCOVER },
  { timestampMs: 1_796_427_654_970, data: REAL_TCP_SYN },
];

describe("PcapStreamReader", () => {
  for (const littleEndian of [true, false]) {
    for (const nanos of [false, true]) {
      it(`reads a ${littleEndian ? "little" : "big"}-endian ${nanos ? "nanosecond" : "microsecond"} stream`, () => {
        const read = new PcapStreamReader().push(pcapBytes(packets, { littleEndian, nanos }));
        expect(read.map((p) => [p.linkType, p.timestampMs, p.data.toString("hex")])).toEqual(packets.map((p) => [1, p.timestampMs, p.data.toString("hex")]));
      });
    }
  }

  it("keeps partial records until the rest arrives, one byte at a time", () => {
    const stream = pcapBytes(packets, { littleEndian: false });
    const reader = new PcapStreamReader();
    const read = [...stream].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(read.map((p) => p.data.length)).toEqual([342, 74]);
  });

  it("reads the header tcpdump really wrote", () => {
    const header = Buffer.from("d4c3b2a10200040000000000000000000002000001000000", "hex");
    const record = Buffer.from("834f136b9e070000" + "4a0000004a000000", "hex");
    expect(new PcapStreamReader().push(Buffer.concat([header, record, REAL_TCP_SYN]))).toEqual([{ linkType: 1, timestampMs: 1_796_427_651_001, data: REAL_TCP_SYN }]);
  });

  it("refuses what is not pcap, and a corrupt record length", () => {
    expect(() => new PcapStreamReader().push(Buffer.alloc(24, 0x41))).toThrow("not a pcap stream (magic 41414141)");
    const corrupt = pcapBytes([{ timestampMs: 0, data: Buffer.alloc(4) }]);
    corrupt.writeUInt32LE(1_000_000, 24 + 8);
    expect(() => new PcapStreamReader().push(corrupt)).toThrow("pcap record of 1000000 bytes: the stream is corrupt");
  });
});
