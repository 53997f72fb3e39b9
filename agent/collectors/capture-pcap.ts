// A reader for the classic pcap stream tcpdump writes with `-w -`: a 24-byte global header, then
// records (16-byte header + packet). Written by hand: the format is ~60 lines to read, and the npm
// readers either parse files rather than a live stream or pull in native libpcap bindings.
// Either byte order (the writer's) and both microsecond and nanosecond magics are accepted.

export type PcapPacket = { linkType: number; timestampMs: number; data: Buffer };

const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;
/** libpcap's own limit on a packet record (MAXIMUM_SNAPLEN); anything bigger is a corrupt stream. */
const MAX_RECORD = 262_144;

export const MAGIC_MICROS = 0xa1b2c3d4;
export const MAGIC_NANOS = 0xa1b23c4d;

type Header = { littleEndian: boolean; nanos: boolean; linkType: number };

function readHeader(buffer: Buffer): Header {
  for (const littleEndian of [true, false]) {
    const magic = littleEndian ? buffer.readUInt32LE(0) : buffer.readUInt32BE(0);
    if (magic === MAGIC_MICROS || magic === MAGIC_NANOS) {
      const linkType = littleEndian ? buffer.readUInt32LE(20) : buffer.readUInt32BE(20);
      // The top bits of the link type field carry FCS flags (pcap spec, "LinkType and additional information").
      return { littleEndian, nanos: magic === MAGIC_NANOS, linkType: linkType & 0x0fff_ffff };
    }
  }
  throw new Error(`not a pcap stream (magic ${buffer.subarray(0, 4).toString("hex")})`);
}

/**
 * Feed it chunks as they arrive; it hands back the complete packets and keeps the rest. Throws on
 * a stream that is not pcap or a record longer than any capture can produce.
 */
export class PcapStreamReader {
  private pending: Buffer = Buffer.alloc(0);
  private header: Header | null = null;

  push(chunk: Buffer): PcapPacket[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const packets: PcapPacket[] = [];
    if (!this.header) {
      if (this.pending.length < GLOBAL_HEADER) return packets;
      this.header = readHeader(this.pending);
      this.pending = this.pending.subarray(GLOBAL_HEADER);
    }
    const { littleEndian, nanos, linkType } = this.header;
    const u32 = (offset: number) => (littleEndian ? this.pending.readUInt32LE(offset) : this.pending.readUInt32BE(offset));
    while (this.pending.length >= RECORD_HEADER) {
      const captured = u32(8);
      if (captured > MAX_RECORD) throw new Error(`pcap record of ${captured} bytes: the stream is corrupt`);
      if (this.pending.length < RECORD_HEADER + captured) break;
      const timestampMs = u32(0) * 1000 + Math.floor(u32(4) / (nanos ? 1_000_000 : 1000));
      // A copy, so the big concatenated buffer is not kept alive by one small packet.
      packets.push({ linkType, timestampMs, data: Buffer.from(this.pending.subarray(RECORD_HEADER, RECORD_HEADER + captured)) });
      this.pending = this.pending.subarray(RECORD_HEADER + captured);
    }
    return packets;
  }
}
