// Which address a request comes from, for the per-address sign-in limits. Pure: the header and the
// trusted proxies are passed in.
//
// The server (scripts/start.ts, through scripts/peer-address.mjs) appends each connection's peer
// address to X-Forwarded-For, as a proxy does, because Next.js only fills the header in when the
// client sent none (`??=` in next/dist/server/base-server.js): left alone, any client would choose
// its own address. So the right-most entry is always the peer. Walking leftwards, an entry is
// believed only while the entry to its right is a proxy named in TRUSTED_PROXIES: the first
// address that is not a trusted proxy is the client.
import { BlockList, isIP } from "node:net";

export const UNKNOWN_ADDRESS = "unknown";

/** TRUSTED_PROXIES: comma-separated addresses and CIDR ranges (IPv4 or IPv6); none by default. */
export function trustedProxies(spec: string | undefined): BlockList {
  const list = new BlockList();
  for (const raw of (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, bits, extra] = raw.split("/");
    const family = isIP(address ?? "");
    const prefix = bits === undefined ? undefined : Number(bits);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (prefix !== undefined && (!Number.isInteger(prefix) || prefix < 0 || prefix > maxBits || bits === ""))) {
      throw new Error(`TRUSTED_PROXIES: "${raw}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32)`);
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, prefix, type);
  }
  return list;
}

/** One X-Forwarded-For entry as a bare address: brackets and ports dropped, IPv4-mapped IPv6 unwrapped; null when not an address. */
export function normalizeAddress(entry: string): string | null {
  let a = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1]!;
  if (!isIP(a)) return null;
  return a.toLowerCase();
}

const isTrusted = (address: string, trusted: BlockList) => trusted.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

/**
 * The client's address from X-Forwarded-For as the server passes it (peer appended last): the
 * right-most entry that is not a trusted proxy. A malformed entry, or none at all, is
 * UNKNOWN_ADDRESS (all such requests share one counter, which only limits them more).
 */
export function clientAddressOf(forwardedFor: string | null | undefined, trusted: BlockList): string {
  const entries = (forwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  for (let i = entries.length - 1; i >= 0; i--) {
    const address = normalizeAddress(entries[i]!);
    if (!address) return UNKNOWN_ADDRESS;
    if (i === 0 || !isTrusted(address, trusted)) return address;
  }
  return UNKNOWN_ADDRESS;
}
