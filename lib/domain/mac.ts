// MAC addresses: one canonical spelling (lower-case, colon-separated) whatever the agent sent.

const SEPARATED = /^([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})$/;
const CISCO = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/;
const BARE = /^[0-9a-f]{12}$/;

/** "AA-BB-CC-DD-EE-FF", "aabb.ccdd.eeff", "AABBCCDDEEFF", " aa:bb:… " → "aa:bb:cc:dd:ee:ff"; else null. */
export function normalizeMac(input: string): string | null {
  const s = input.trim().toLowerCase();
  let hex: string | null = null;
  const separated = SEPARATED.exec(s);
  if (separated) {
    // One separator throughout: "aa:bb-cc…" is a typo, not a MAC.
    if (new Set(s.replace(/[0-9a-f]/g, "")).size !== 1) return null;
    hex = separated.slice(1).join("");
  } else if (CISCO.test(s)) hex = s.replace(/\./g, "");
  else if (BARE.test(s)) hex = s;
  if (!hex) return null;
  return hex.match(/../g)!.join(":");
}

const firstOctet = (mac: string) => parseInt(mac.slice(0, 2), 16);

/** The U/L bit: set by software rather than burnt in by the maker. */
export function isLocallyAdministered(mac: string): boolean {
  return (firstOctet(mac) & 0b10) !== 0;
}

export function isMulticast(mac: string): boolean {
  return (firstOctet(mac) & 0b1) !== 0;
}

/**
 * Phones and modern operating systems randomize their Wi-Fi MAC by setting the locally
 * administered bit on a unicast address; a medical device has no reason to.
 */
export function isLikelyRandomized(mac: string): boolean {
  return isLocallyAdministered(mac) && !isMulticast(mac);
}

/** The upper-case hex prefix of the given length (6 = MA-L, 7 = MA-M, 9 = MA-S). */
export function ouiPrefix(mac: string, length = 6): string {
  return mac.replace(/:/g, "").slice(0, length).toUpperCase();
}
