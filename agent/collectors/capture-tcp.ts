// A p0f v3 style signature of a TCP SYN: "ver:ittl:olen:mss:wsize,scale:olayout:quirks:pclass".
// What is implemented of p0f v3's format (its README, "TCP signatures"):
//  - ver is 4 (IPv4 only); ittl is written as p0f writes a raw signature, "<observed TTL>+<hops>",
//    where the hops are the distance to the initial TTL guessed by rounding up to 32, 64, 128 or 255;
//  - olen is the IPv4 options length; mss the MSS option or "*";
//  - wsize is "mss*N" when the window is a multiple of the MSS, "mtu*N" of MSS+40, else the number;
//    scale is the window scale option, 0 without one;
//  - olayout names the options in order: eol+N (N padding bytes), nop, mss, ws, sok, sack, ts, ?K;
//  - quirks: df, id+ (DF with a non-zero IP ID), id- (no DF, zero ID), ecn, 0+ (reserved IP flag),
//    seq-, ack+, ack-, uptr+, urgf+, pushf+, ts1-, ts2+, opt+, exws, bad. flow (IPv6) is not;
//  - pclass is 0 without payload, + with.

export type SynFields = {
  ttl: number;
  ipId: number;
  /** The three IPv4 flag bits (reserved, DF, MF) as in the header's top bits. */
  ipFlags: number;
  ipOptionsLength: number;
  tos: number;
  seq: number;
  ack: number;
  /** TCP flags byte (CWR ECE URG ACK PSH RST SYN FIN) plus the NS bit as 0x100. */
  tcpFlags: number;
  window: number;
  urgentPointer: number;
  options: Buffer;
  payloadLength: number;
};

export type TcpSignature = { signature: string; ttl: number; initialTtl: number; hops: number };

const TCP_URG = 0x20;
const TCP_ACK = 0x10;
const TCP_PSH = 0x08;
const TCP_ECE = 0x40;
const TCP_CWR = 0x80;

/** p0f's guess of the initial TTL: the next of 32, 64, 128, 255 at or above the observed one. */
export function initialTtl(ttl: number): number {
  return [32, 64, 128, 255].find((limit) => ttl <= limit) ?? 255;
}

type Options = { layout: string[]; mss?: number; scale: number; quirks: string[] };

/** Walks the TCP options; a length running past the header is the "bad" quirk and ends the walk. */
function readOptions(bytes: Buffer): Options {
  const result: Options = { layout: [], scale: 0, quirks: [] };
  let i = 0;
  while (i < bytes.length) {
    const kind = bytes[i];
    if (kind === 0) {
      const rest = bytes.subarray(i + 1);
      result.layout.push(`eol+${rest.length}`);
      if (rest.some((b) => b !== 0)) result.quirks.push("opt+");
      return result;
    }
    if (kind === 1) {
      result.layout.push("nop");
      i += 1;
      continue;
    }
    const length = bytes[i + 1];
    if (length === undefined || length < 2 || i + length > bytes.length) {
      result.quirks.push("bad");
      return result;
    }
    const body = bytes.subarray(i + 2, i + length);
    if (kind === 2 && length === 4) {
      result.layout.push("mss");
      result.mss = body.readUInt16BE(0);
    } else if (kind === 3 && length === 3) {
      result.layout.push("ws");
      result.scale = body[0];
      if (body[0] > 14) result.quirks.push("exws");
    } else if (kind === 4 && length === 2) result.layout.push("sok");
    else if (kind === 5) result.layout.push("sack");
    else if (kind === 8 && length === 10) {
      result.layout.push("ts");
      if (body.readUInt32BE(0) === 0) result.quirks.push("ts1-");
      if (body.readUInt32BE(4) !== 0) result.quirks.push("ts2+");
    } else result.layout.push(`?${kind}`);
    i += length;
  }
  return result;
}

function windowText(window: number, mss: number | undefined): string {
  if (mss && window > 0 && window % mss === 0) return `mss*${window / mss}`;
  if (mss && window > 0 && window % (mss + 40) === 0) return `mtu*${window / (mss + 40)}`;
  return String(window);
}

function headerQuirks(f: SynFields): string[] {
  const df = (f.ipFlags & 0b010) !== 0;
  const quirks: string[] = [];
  if (df) quirks.push("df");
  if (df && f.ipId !== 0) quirks.push("id+");
  if (!df && f.ipId === 0) quirks.push("id-");
  if ((f.tos & 0b11) !== 0 || (f.tcpFlags & (TCP_ECE | TCP_CWR | 0x100)) !== 0) quirks.push("ecn");
  if ((f.ipFlags & 0b100) !== 0) quirks.push("0+");
  if (f.seq === 0) quirks.push("seq-");
  const ackFlag = (f.tcpFlags & TCP_ACK) !== 0;
  if (!ackFlag && f.ack !== 0) quirks.push("ack+");
  if (ackFlag && f.ack === 0) quirks.push("ack-");
  const urgFlag = (f.tcpFlags & TCP_URG) !== 0;
  if (!urgFlag && f.urgentPointer !== 0) quirks.push("uptr+");
  if (urgFlag) quirks.push("urgf+");
  if ((f.tcpFlags & TCP_PSH) !== 0) quirks.push("pushf+");
  return quirks;
}

export function synSignature(f: SynFields): TcpSignature {
  const ittl = initialTtl(f.ttl);
  const options = readOptions(f.options);
  const fields = [
    "4",
    `${f.ttl}+${ittl - f.ttl}`,
    String(f.ipOptionsLength),
    options.mss === undefined ? "*" : String(options.mss),
    `${windowText(f.window, options.mss)},${options.scale}`,
    options.layout.join(","),
    [...headerQuirks(f), ...options.quirks].join(","),
    f.payloadLength > 0 ? "+" : "0",
  ];
  return { signature: fields.join(":"), ttl: f.ttl, initialTtl: ittl, hops: ittl - f.ttl };
}
