// How a policy reads in the settings page: its kind, where it applies and what it lists.
import { exactRuleFor, usbEntryLine, type ExactDevice } from "@/lib/domain/identity/policy-input";
import type { UsbAllowEntry } from "@/lib/domain/identity/policy";
import { countOf } from "@/lib/domain/words/count";
import { CATEGORY_LABELS, label } from "@/lib/domain/words/vocabulary";

export const POLICY_KIND_WORDS: Record<string, { name: string; explain: string }> = {
  baseline: { name: "Baseline", explain: "which device categories, vendors or physical fingerprints are expected on a site or segment, and whether devices missing from the asset register are allowed" },
  usb_allow: { name: "USB allow-list", explain: "which USB devices (vendor:product, optionally one serial number, or exactly one device's physical fingerprint) may be plugged in" },
};

type Rules = { categories?: string[]; vendors?: string[]; fingerprints?: string[]; entries?: UsbAllowEntry[]; registeredOnly?: boolean };

const some = (items: string[], max = 6) => (items.length > max ? `${items.slice(0, max).join(", ")} and ${items.length - max} more` : items.join(", "));
/** The 16-character id a device's fingerprint history shows. */
const shortId = (hash: string) => hash.slice(0, 16);
/** An allow-list line with its bound fingerprint as the 16-character id (the form accepts both). */
const shortLine = (line: string) => line.replace(/fingerprint=([0-9a-f]{64})\b/i, (_, hash: string) => `fingerprint=${shortId(hash)}`);
const isBound = (e: UsbAllowEntry) => !!(e.interfaces || e.hidReportDescriptorSha256 || e.fingerprint || e.interfaceClasses?.length);
const classWords = (classes: number[]) => classes.map((c) => c.toString(16).padStart(2, "0")).join(", ");
const MAX_BOUND_LINES = 6;

/** "046d:c31c (serial K-1) only with interfaces 03.01.01.01; HID report descriptor 9f2c…; physical fingerprint 0123…" */
function boundEntryWords(e: UsbAllowEntry): string {
  const only = e.interfaceClasses?.length ? `; on enforcing hosts only interface class ${classWords(e.interfaceClasses)} works, its other interfaces are cut` : "";
  const bound = [
    e.interfaces && `interfaces ${e.interfaces}`,
    e.hidReportDescriptorSha256 && `HID report descriptor ${shortId(e.hidReportDescriptorSha256)}…`,
    e.fingerprint && `physical fingerprint ${shortId(e.fingerprint)}`,
  ].filter(Boolean);
  const ids = `${e.vendorId}:${e.productId}${e.serial ? ` (serial ${e.serial})` : ""}`;
  return bound.length ? `Allowed exactly: ${ids} only with ${bound.join("; ")}${only}` : `Allowed: ${ids}${only}`;
}

function describeEntries(raw: unknown): string[] {
  const entries = Array.isArray(raw) ? (raw as UsbAllowEntry[]) : [];
  const plain = entries.filter((e) => !isBound(e)).map((e) => `${e.vendorId}:${e.productId}${e.serial ? ` (serial ${e.serial})` : ""}`);
  const bound = entries.filter(isBound);
  const out = plain.length || !bound.length ? [`Allowed: ${some(plain) || "nothing"}`] : [];
  out.push(...bound.slice(0, MAX_BOUND_LINES).map(boundEntryWords));
  if (bound.length > MAX_BOUND_LINES) out.push(`and ${countOf(bound.length - MAX_BOUND_LINES, "more device")} allowed exactly`);
  return out;
}

/** One line per list, in words; a policy's rules are JSON written through policySchema. */
export function describeRules(kind: string, raw: unknown): string[] {
  const rules = (raw && typeof raw === "object" ? raw : {}) as Rules;
  if (kind === "usb_allow") return describeEntries(rules.entries);
  const out: string[] = [];
  if (rules.categories?.length) out.push(`Categories: ${some(rules.categories.map((c) => label(CATEGORY_LABELS, c)))}`);
  if (rules.vendors?.length) out.push(`Vendors: ${some(rules.vendors)}`);
  if (rules.fingerprints?.length) out.push(`${countOf(rules.fingerprints.length, "physical fingerprint")}: ${some(rules.fingerprints.map(shortId), 4)}`);
  if (rules.registeredOnly) out.push("Unregistered devices are not allowed: a device in no asset register (a shadow asset) is unauthorized");
  return out;
}

/** The form's text for a policy's current rules (edit), a line per item. */
export function rulesAsFormText(raw: unknown): { categories: string[]; vendors: string; fingerprints: string; entries: string; registeredOnly: boolean } {
  const rules = (raw && typeof raw === "object" ? raw : {}) as Rules;
  return {
    categories: rules.categories ?? [],
    vendors: (rules.vendors ?? []).join("\n"),
    fingerprints: (rules.fingerprints ?? []).map(shortId).join("\n"),
    entries: (Array.isArray(rules.entries) ? rules.entries : []).map((e) => shortLine(usbEntryLine(e))).join("\n"),
    registeredOnly: rules.registeredOnly === true,
  };
}

/**
 * The create form prefilled to allow exactly one device: its bound allow-list entry (or, for a
 * network device, its baseline fingerprint) on its site. Null when nothing measured can bind it.
 */
export function exactlyThisDevice(device: ExactDevice & { name: string; siteId: string | null }) {
  const rule = exactRuleFor(device);
  if (!rule) return null;
  const common = { name: `Exactly ${device.name}`.slice(0, 120), scope: device.siteId ? `site:${device.siteId}` : "", categories: [], vendors: "" };
  return rule.kind === "usb_allow"
    ? { ...common, kind: rule.kind, entries: shortLine(usbEntryLine(rule.entry)), fingerprints: "" }
    : { ...common, kind: rule.kind, entries: "", fingerprints: shortId(rule.fingerprint) };
}

/** What a dry run found, in one sentence: "This will mark 37 devices unauthorized and return 2 to pending: ICU-WS-01, …". */
export function previewWords(p: { devices: number; unauthorized: number; pending: number; authorized: number; names: { unauthorized: string[]; pending: string[]; authorized: string[] } }): string {
  const n = (count: number) => count.toLocaleString("en-US");
  const devices = (count: number) => `${n(count)} device${count === 1 ? "" : "s"}`;
  const named = (names: string[], count: number) => (names.length ? `: ${names.join(", ")}${count > names.length ? ", …" : ""}` : "");
  if (!p.unauthorized && !p.pending && !p.authorized) return `This changes no device's status (${devices(p.devices)} checked).`;
  const parts = [
    `mark ${devices(p.unauthorized)} unauthorized${named(p.names.unauthorized, p.unauthorized)}`,
    `return ${n(p.pending)} to pending${named(p.names.pending, p.pending)}`,
    ...(p.authorized ? [`authorize ${devices(p.authorized)} by its allow-list${named(p.names.authorized, p.authorized)}`] : []),
  ];
  return `This will ${parts.join("; ")} (${devices(p.devices)} checked; a person's approve or block stands).`;
}
