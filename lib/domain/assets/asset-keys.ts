// The keys a register entry and a device are linked by, spelled one way whatever the CMMS or the
// agent wrote. Pure: the import stores them on each entry (Asset.serialKey, mac, hostnameKey…) and
// the reconciliation computes the same keys of each device, so the two compare as plain strings.
import { isPlaceholderMac, normalizeMac } from "../identity/mac";

const blank = (s: string | null | undefined): s is null | undefined => s == null || !s.trim();

// Serial numbers as registers print them: "S/N 12-345 ab", "SN: 12345AB", "Serial No. 12345ab".
// "S/N" is always a prefix; "SN" and "Serial" only before a space or punctuation, so a serial
// that itself starts "SN…" ("SN12345", "SN-0001") keeps its letters on both sides.
const SERIAL_PREFIX = /^(?:s\/n\s*[.:#]?|(?:sn|serial(?:\s*(?:no|number|#))?)(?:\s*[.:#]|\s))\s*/i;
// Values that mean "nobody wrote it down": never a key, or unrelated devices link.
const NO_SERIAL = new Set(["", "0", "na", "none", "null", "unknown", "tbd", "notapplicable", "defaulttobefilledbyoem", "tobefilledbyoem"]);

/** "S/N 12-345 ab" → "12345AB": upper-case, without the prefix, spaces, dashes, dots, slashes; null when empty or a placeholder. */
// Most serials arrive plain (upper-case letters and digits): no prefix or separator to strip.
const PLAIN_SERIAL = /^[0-9A-Z]{1,128}$/;

export function normaliseSerial(s: string | null | undefined): string | null {
  if (blank(s)) return null;
  if (PLAIN_SERIAL.test(s)) return NO_SERIAL.has(s.toLowerCase()) || /^0+$/.test(s) ? null : s;
  const key = s.trim().replace(SERIAL_PREFIX, "").replace(/[\s\-_./:]+/g, "").toUpperCase();
  if (NO_SERIAL.has(key.toLowerCase()) || /^0+$/.test(key)) return null;
  return key.slice(0, 128);
}

/** " at-004512 " → "AT-004512": trimmed, upper-case, inner spaces dropped (the tag is compared, not its spacing). */
export function normaliseAssetTag(s: string | null | undefined): string | null {
  if (blank(s)) return null;
  return s.trim().replace(/\s+/g, "").toUpperCase().slice(0, 128);
}

/** Any spelling of a MAC (the identity normaliser's), null when it is not one or is a placeholder. */
// The spelling ingestion stores: checked with one pattern instead of every spelling.
const CANONICAL_MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

export function normaliseRegisterMac(s: string | null | undefined): string | null {
  if (blank(s)) return null;
  if (s.length === 17 && CANONICAL_MAC.test(s)) return isPlaceholderMac(s) ? null : s;
  const mac = normalizeMac(s);
  return mac && !isPlaceholderMac(mac) ? mac : null;
}

/** "ICU-Pump-07.hosp.local." → "icu-pump-07": lower-case, the domain dropped; an IP address is no hostname. */
export function hostnameKey(s: string | null | undefined): string | null {
  if (blank(s)) return null;
  const t = s.trim().toLowerCase().replace(/\.+$/, "");
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(t) || t.includes(":")) return null;
  const first = t.split(".")[0];
  return first ? first.slice(0, 253) : null;
}

/** An IPv4 or IPv6 address as one spelling (lower-case, trimmed); null when it is not one. */
export function normaliseIp(s: string | null | undefined): string | null {
  if (blank(s)) return null;
  const t = s.trim().toLowerCase();
  const v4 = t.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (v4) {
    const octets = v4.slice(1).map(Number);
    return octets.every((o) => o <= 255) && octets.some((o) => o > 0) ? octets.join(".") : null;
  }
  return /^[0-9a-f:]+$/.test(t) && t.includes(":") && t.length <= 39 ? t : null;
}

/** The shortest asset tag looked for inside a hostname: shorter ones ("A1") hit by chance. */
export const MIN_TAG_IN_NAME = 4;

const runsOf = (s: string) => s.toLowerCase().split(/[^0-9a-z]+/).filter(Boolean);
const LETTERS = /^[a-z]+$/;
const DIGITS = /^[0-9]+$/;

/**
 * The keys a tag is looked up by in host names: its letters and digits run together ("AT-004512"
 * → "at004512"), and for a tag written in parts also the parts joined by dashes ("at-004512").
 * None when the tag has fewer than four letters and digits.
 */
export function tagTokens(tagKey: string | null | undefined): string[] {
  if (blank(tagKey)) return [];
  const runs = runsOf(tagKey);
  const compact = runs.join("");
  if (compact.length < MIN_TAG_IN_NAME) return [];
  return runs.length > 1 ? [compact, runs.join("-")] : [compact];
}

/**
 * What a host or DHCP name offers a tag, bounded by non-alphanumerics, each given to `visit`: each
 * run of letters and digits ("icu-pump-AT004512" → "at004512"), a run of letters followed by a run
 * of digits run together ("at-004512" → "at004512"), and two or three adjacent runs joined by
 * dashes ("2019-0045"). Digits are never glued to digits, so "10-1-2-3" offers no "10123". No
 * list is built: the reconciliation probes a million names.
 */
export function forEachNameToken(name: string | null | undefined, visit: (token: string) => void): void {
  if (blank(name)) return;
  const runs = name.toLowerCase().split(/[^0-9a-z]+/);
  let a = "";
  let b = "";
  for (const run of runs) {
    if (!run) continue;
    if (run.length >= MIN_TAG_IN_NAME) visit(run);
    if (b) {
      // Lengths count letters and digits only, as a tag's own are counted.
      if (b.length + run.length >= MIN_TAG_IN_NAME) visit(`${b}-${run}`);
      if (b.length + run.length >= MIN_TAG_IN_NAME && LETTERS.test(b) && DIGITS.test(run)) visit(b + run);
      if (a && a.length + b.length + run.length >= MIN_TAG_IN_NAME) visit(`${a}-${b}-${run}`);
    }
    a = b;
    b = run;
  }
}

/** The tokens forEachNameToken offers, as a list (tests, and the incremental pass's lookups). */
export function nameTokens(name: string | null | undefined): string[] {
  const out = new Set<string>();
  forEachNameToken(name, (t) => out.add(t));
  return [...out];
}

/** Whether the asset tag appears in a host or DHCP name ("AT004512" in "icu-pump-AT004512.hosp.local", "1234" not in "pump12345"). */
export function tagInName(tagKey: string | null | undefined, name: string | null | undefined): boolean {
  const offered = new Set(nameTokens(name));
  return tagTokens(tagKey).some((t) => offered.has(t));
}

export type RegisterKeys = { assetTagKey: string; serialKey: string | null; mac: string | null; hostnameKey: string | null };

/** The keys the import stores on an entry (the asset tag itself is required by the mapping). */
export function assetKeysOf(row: { assetTag: string; serial?: string | null; mac?: string | null; hostname?: string | null }): RegisterKeys {
  return {
    assetTagKey: normaliseAssetTag(row.assetTag) ?? row.assetTag.trim(),
    serialKey: normaliseSerial(row.serial),
    mac: normaliseRegisterMac(row.mac),
    hostnameKey: hostnameKey(row.hostname),
  };
}
