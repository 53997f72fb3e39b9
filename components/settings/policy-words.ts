// How a policy reads in the settings page: its kind, where it applies and what it lists.
import { countOf } from "@/lib/domain/words/count";
import { CATEGORY_LABELS, label } from "@/lib/domain/words/vocabulary";

export const POLICY_KIND_WORDS: Record<string, { name: string; explain: string }> = {
  baseline: { name: "Baseline", explain: "which device categories, vendors or physical fingerprints are expected on a site or segment" },
  usb_allow: { name: "USB allow-list", explain: "which USB devices (vendor:product, optionally one serial number) may be plugged in" },
};

type Rules = { categories?: string[]; vendors?: string[]; fingerprints?: string[]; entries?: { vendorId: string; productId: string; serial?: string }[] };

const some = (items: string[], max = 6) => (items.length > max ? `${items.slice(0, max).join(", ")} and ${items.length - max} more` : items.join(", "));

/** One line per list, in words; a policy's rules are JSON written through policySchema. */
export function describeRules(kind: string, raw: unknown): string[] {
  const rules = (raw && typeof raw === "object" ? raw : {}) as Rules;
  if (kind === "usb_allow") {
    const entries = Array.isArray(rules.entries) ? rules.entries : [];
    return [`Allowed: ${some(entries.map((e) => `${e.vendorId}:${e.productId}${e.serial ? ` (serial ${e.serial})` : ""}`)) || "nothing"}`];
  }
  const out: string[] = [];
  if (rules.categories?.length) out.push(`Categories: ${some(rules.categories.map((c) => label(CATEGORY_LABELS, c)))}`);
  if (rules.vendors?.length) out.push(`Vendors: ${some(rules.vendors)}`);
  if (rules.fingerprints?.length) out.push(countOf(rules.fingerprints.length, "physical fingerprint"));
  return out;
}

/** The form's text for a policy's current rules (edit), a line per item. */
export function rulesAsFormText(raw: unknown): { categories: string[]; vendors: string; fingerprints: string; entries: string } {
  const rules = (raw && typeof raw === "object" ? raw : {}) as Rules;
  return {
    categories: rules.categories ?? [],
    vendors: (rules.vendors ?? []).join("\n"),
    fingerprints: (rules.fingerprints ?? []).join("\n"),
    entries: (Array.isArray(rules.entries) ? rules.entries : []).map((e) => `${e.vendorId}:${e.productId}${e.serial ? `:${e.serial}` : ""}`).join("\n"),
  };
}
