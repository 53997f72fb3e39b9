// From one captured Ethernet frame to what it says about its sender: a DHCP client message
// (option 55 list, vendor class, hostname) or a TCP SYN (p0f style signature). Anything else, or
// anything truncated or malformed, is null: a capture sees all kinds of traffic and never throws.
import { synSignature, type TcpSignature } from "./capture-tcp";

/** pcap LINKTYPE_ETHERNET. */
export const LINKTYPE_ETHERNET = 1;

export type DhcpClientMessage = { messageType?: number; parameterList?: number[]; vendorClass?: string; hostname?: string; chaddr?: string };

export type FrameFacts =
  | { kind: "dhcp"; sourceMac: string; dhcp: DhcpClientMessage }
  | { kind: "syn"; sourceMac: string; sourceIp: string; syn: TcpSignature };

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_VLAN = [0x8100, 0x88a8]; // 802.1Q, and 802.1ad outer tags
const DHCP_MAGIC_COOKIE = 0x63825363;
const BOOTP_FIXED = 236;

const macText = (bytes: Buffer) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(":");
const printable = (bytes: Buffer, max: number) => bytes.toString("latin1").replace(/[^\x20-\x7e]/g, "?").slice(0, max);

/** The IPv4 payload of an Ethernet frame, past any 802.1Q / 802.1ad tags. */
function ipv4Of(frame: Buffer): Buffer | null {
  if (frame.length < 14) return null;
  let offset = 12;
  let etherType = frame.readUInt16BE(offset);
  while (ETHERTYPE_VLAN.includes(etherType) && frame.length >= offset + 6) {
    offset += 4;
    etherType = frame.readUInt16BE(offset);
  }
  return etherType === ETHERTYPE_IPV4 ? frame.subarray(offset + 2) : null;
}

/** DHCP options (RFC 2132) of a BOOTREQUEST; the fixed BOOTP part gives chaddr. */
export function parseDhcp(bootp: Buffer): DhcpClientMessage | null {
  if (bootp.length < BOOTP_FIXED + 4 || bootp[0] !== 1 || bootp.readUInt32BE(BOOTP_FIXED) !== DHCP_MAGIC_COOKIE) return null;
  const message: DhcpClientMessage = {};
  if (bootp[1] === 1 && bootp[2] === 6) message.chaddr = macText(bootp.subarray(28, 34)); // htype Ethernet, hlen 6
  let i = BOOTP_FIXED + 4;
  while (i < bootp.length) {
    const code = bootp[i];
    if (code === 255) break;
    if (code === 0) {
      i += 1;
      continue;
    }
    const length = bootp[i + 1];
    if (length === undefined || i + 2 + length > bootp.length) break; // truncated by the snap length
    const value = bootp.subarray(i + 2, i + 2 + length);
    if (code === 53 && length === 1) message.messageType = value[0];
    else if (code === 55) message.parameterList = [...value];
    else if (code === 60) message.vendorClass = printable(value, 256);
    else if (code === 12) message.hostname = printable(value, 255);
    i += 2 + length;
  }
  return message.messageType === undefined ? null : message;
}

function tcpSyn(ip: Buffer, headerLength: number): TcpSignature | null {
  const tcp = ip.subarray(headerLength);
  if (tcp.length < 20) return null;
  const dataOffset = (tcp[12] >> 4) * 4;
  const flags = tcp[13] | ((tcp[12] & 1) << 8);
  // SYN without ACK: a client opening a connection, the packet p0f's SYN signatures describe.
  if ((flags & 0x02) === 0 || (flags & 0x10) !== 0 || dataOffset < 20 || tcp.length < dataOffset) return null;
  const totalLength = ip.readUInt16BE(2);
  return synSignature({
    ttl: ip[8],
    ipId: ip.readUInt16BE(4),
    ipFlags: ip[6] >> 5,
    ipOptionsLength: headerLength - 20,
    tos: ip[1],
    seq: tcp.readUInt32BE(4),
    ack: tcp.readUInt32BE(8),
    tcpFlags: flags,
    window: tcp.readUInt16BE(14),
    urgentPointer: tcp.readUInt16BE(18),
    options: tcp.subarray(20, dataOffset),
    payloadLength: Math.max(0, totalLength - headerLength - dataOffset),
  });
}

export function parseFrame(frame: Buffer, linkType = LINKTYPE_ETHERNET): FrameFacts | null {
  if (linkType !== LINKTYPE_ETHERNET) return null;
  const ip = ipv4Of(frame);
  if (!ip || ip.length < 20 || ip[0] >> 4 !== 4) return null;
  const headerLength = (ip[0] & 0x0f) * 4;
  if (headerLength < 20 || ip.length < headerLength) return null;
  if ((ip.readUInt16BE(6) & 0x1fff) !== 0) return null; // a later fragment has no transport header
  const sourceMac = macText(frame.subarray(6, 12));
  const protocol = ip[9];
  if (protocol === 17) {
    const udp = ip.subarray(headerLength);
    if (udp.length < 8 || udp.readUInt16BE(0) !== 68 || udp.readUInt16BE(2) !== 67) return null;
    const dhcp = parseDhcp(udp.subarray(8));
    return dhcp ? { kind: "dhcp", sourceMac, dhcp } : null;
  }
  if (protocol === 6) {
    const syn = tcpSyn(ip, headerLength);
    return syn ? { kind: "syn", sourceMac, sourceIp: [...ip.subarray(12, 16)].join("."), syn } : null;
  }
  return null;
}
