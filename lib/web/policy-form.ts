// The policy form of Settings → Policies, read into the input lib/domain/identity/policy-input.ts describes, with
// every problem reported against the form field a person can fix. Pure: no database.
import { policySchema } from "../domain/identity/policy-input";
import { badRequest, zodIssues, type Issue } from "./errors";

/** At most this many lines are read from a list field (the schema's own limit is lower or equal). */
const MAX_LINES = 10_001;

type Form = Pick<FormData, "get" | "getAll">;

const str = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

/** One entry a line (commas also separate vendors and categories); blank lines are skipped. */
export function lines(text: string, commas = false): string[] {
  return text.split(commas ? /[\n,]/ : /\n/, MAX_LINES).map((l) => l.trim()).filter(Boolean);
}

const USB_LINE = /^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})(?::(.+))?$/;

/** "046d:c31c" or "046d:c31c:SERIAL" a line → allow-list entries, or the lines that are not. */
export function parseUsbEntries(text: string): { entries: { vendorId: string; productId: string; serial?: string }[]; issues: Issue[] } {
  const entries: { vendorId: string; productId: string; serial?: string }[] = [];
  const bad: number[] = [];
  text.split("\n", MAX_LINES).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = USB_LINE.exec(line);
    if (!m) bad.push(i + 1);
    else entries.push({ vendorId: m[1].toLowerCase(), productId: m[2].toLowerCase(), ...(m[3]?.trim() ? { serial: m[3].trim() } : {}) });
  });
  const issues = bad.length
    ? [{ path: "entries", message: `Line${bad.length > 1 ? "s" : ""} ${bad.slice(0, 5).join(", ")}${bad.length > 5 ? "…" : ""}: write vendor:product in 4 hexadecimal digits each, e.g. 046d:c31c, or 046d:c31c:SERIAL for one device.` }]
    : [];
  return { entries, issues };
}

/** "site:<id>", "segment:<id>" or "" (everywhere) → the policy's scope. */
export function parseScope(scope: string): { siteId?: string; segmentId?: string } {
  if (scope.startsWith("site:")) return { siteId: scope.slice(5, 69) };
  if (scope.startsWith("segment:")) return { segmentId: scope.slice(8, 72) };
  return {};
}

/** A schema issue's path ("rules.entries.3.vendorId") → the form field that holds it ("entries"). */
export function formFieldOf(path: string): string {
  const [head, second] = path.split(".");
  if (head === "rules") return second && ["categories", "vendors", "fingerprints", "entries"].includes(second) ? second : "rules";
  if (head === "siteId" || head === "segmentId") return "scope";
  return head || "form";
}

/**
 * The form → a valid policy input, or a 400 whose issues name form fields. The kind decides which
 * list fields are read: a baseline's categories / vendors / fingerprints, an allow-list's entries.
 */
export function policyInputFromForm(form: Form) {
  const read = (name: string) => form.get(name);
  const kind = str(read("kind"));
  const scope = str(read("scope"));
  const base = { kind, name: str(read("name")), ...parseScope(scope) };
  let input: unknown;
  const issues: Issue[] = [];
  if (scope && !/^(site|segment):./.test(scope)) issues.push({ path: "scope", message: "Choose where the policy applies: every site, a site or a segment." });
  if (kind === "usb_allow") {
    const usb = parseUsbEntries(str(read("entries")));
    issues.push(...usb.issues);
    input = { ...base, rules: { entries: usb.entries } };
  } else {
    const optionalList = (items: string[]) => (items.length ? items : undefined);
    input = {
      ...base,
      rules: {
        categories: optionalList(form.getAll("categories").slice(0, MAX_LINES).flatMap((c) => lines(str(c), true))),
        vendors: optionalList(lines(str(read("vendors")), true)),
        fingerprints: optionalList(lines(str(read("fingerprints"))).map((f) => f.toLowerCase())),
      },
    };
  }
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) issues.push(...zodIssues(parsed.error));
  if (issues.length || !parsed.success) {
    const byField = new Map<string, string>();
    for (const issue of issues) {
      const field = formFieldOf(issue.path);
      if (!byField.has(field)) byField.set(field, issue.path.startsWith("rules.entries.") ? `Entry ${Number(issue.path.split(".")[2]) + 1}: ${issue.message}` : issue.message);
    }
    throw badRequest("invalid_policy", "The policy is not valid.", [...byField].map(([path, message]) => ({ path, message })));
  }
  return parsed.data;
}
