// MAC addresses: one canonical spelling (lower-case, colon-separated) whatever the agent sent.

// Every spelling switches, operating systems and asset tools print: six octets with ":", "-" or
// a space (Linux, Windows, some CSV exports); three groups of four with "." (Cisco) or "-" (HP
// Comware); two groups of six with "-" (HP ProCurve); or twelve bare hex digits.
const SPELLINGS: RegExp[] = [
  /^[0-9a-f]{2}([:\- ])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/,
  /^[0-9a-f]{4}([.-])[0-9a-f]{4}\1[0-9a-f]{4}$/,
  /^[0-9a-f]{6}-[0-9a-f]{6}$/,
  /^[0-9a-f]{12}$/,
];

/** "AA-BB-CC-DD-EE-FF", "aabb.ccdd.eeff", "AABBCCDDEEFF", " aa:bb:… " → "aa:bb:cc:dd:ee:ff"; else null. */
export function normalizeMac(input: string): string | null {
  const s = input.trim().toLowerCase();
  // The back-reference in each pattern keeps one separator throughout: "aa:bb-cc…" is a typo.
  if (!SPELLINGS.some((pattern) => pattern.test(s))) return null;
  return s.replace(/[^0-9a-f]/g, "").match(/../g)!.join(":");
}

const firstOctet = (mac: string) => parseInt(mac.slice(0, 2), 16);

/** The U/L bit (0x02 of the first octet): set by software rather than burnt in by the maker. */
export function isLocallyAdministered(mac: string): boolean {
  return (firstOctet(mac) & 0b10) !== 0;
}

/** The I/G bit (0x01 of the first octet): a group address, never one device's own. */
export function isMulticast(mac: string): boolean {
  return (firstOctet(mac) & 0b1) !== 0;
}

/**
 * Phones (iOS 14+, Android 10+) and Windows / macOS randomize their Wi-Fi MAC per network by
 * setting the locally administered bit on a unicast address; that is the only kind of address
 * they generate. A medical device burns in its maker's address and has no reason to do this.
 */
export function isLikelyRandomized(mac: string): boolean {
  return isLocallyAdministered(mac) && !isMulticast(mac);
}

/**
 * 00:00:00:00:00:00 and ff:ff:ff:ff:ff:ff are well-formed but name no device: buggy agents and
 * half-configured NICs report them. Never use one as an identity key, or unrelated devices merge.
 */
export function isPlaceholderMac(mac: string): boolean {
  return mac === "00:00:00:00:00:00" || mac === "ff:ff:ff:ff:ff:ff";
}

/** The upper-case hex prefix of the given length (6 = MA-L, 7 = MA-M, 9 = MA-S). */
export function ouiPrefix(mac: string, length = 6): string {
  return mac.replace(/[^0-9a-fA-F]/g, "").slice(0, length).toUpperCase();
}
