// The policy form of Settings → Policies, read into the input lib/domain/identity/policy-input.ts describes, with
// every problem reported against the form field a person can fix, and a list's problems against its line.
// Pure: no database.
import { addedRulesSchema, parseUsbLine, policySchema, type PolicyInput } from "../domain/identity/policy-input";
import type { UsbAllowEntry } from "../domain/identity/policy";
import { ApiError, badRequest, zodIssues, type Issue } from "./errors";

/** At most this many lines are read from a list field (the schema's own limit is lower or equal). */
const MAX_LINES = 10_001;

type Form = Pick<FormData, "get" | "getAll">;

const str = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

/** One entry a line (commas also separate vendors and categories); blank lines are skipped. */
export function lines(text: string, commas = false): string[] {
  return text.split(commas ? /[\n,]/ : /\n/, MAX_LINES).map((l) => l.trim()).filter(Boolean);
}

/** The non-blank lines of a text field with their line numbers (1-based), so a problem can name its line. */
function numberedLines(text: string): { line: number; text: string }[] {
  return text.split("\n", MAX_LINES).map((raw, i) => ({ line: i + 1, text: raw.trim() })).filter((l) => l.text);
}

const lineWord = (numbers: number[]) => `Line${numbers.length > 1 ? "s" : ""} ${numbers.slice(0, 5).join(", ")}${numbers.length > 5 ? "…" : ""}`;

/**
 * One allow-list entry a line: "046d:c31c", "046d:c31c:SERIAL", optionally bound to what was
 * measured ("interfaces=…", "hid=…", "fingerprint=…") → entries (validated later, by the schema),
 * their line numbers, or the lines that are not entries.
 */
export function parseUsbEntries(text: string): { entries: Record<string, string>[]; lineOf: number[]; issues: Issue[] } {
  const entries: Record<string, string>[] = [];
  const lineOf: number[] = [];
  const bad: { line: number; problem: string }[] = [];
  for (const { line, text: l } of numberedLines(text)) {
    const parsed = parseUsbLine(l);
    if ("problem" in parsed) bad.push({ line, problem: parsed.problem });
    else {
      entries.push(parsed.entry);
      lineOf.push(line);
    }
  }
  // One message for the field: the lines that share the first problem, then that problem.
  const first = bad[0];
  const issues = first ? [{ path: "entries", message: `${lineWord(bad.filter((b) => b.problem === first.problem).map((b) => b.line))}: ${first.problem}.` }] : [];
  return { entries, lineOf, issues };
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
  if (head === "rules") return second && ["categories", "vendors", "fingerprints", "entries", "registeredOnly"].includes(second) ? second : "rules";
  if (head === "siteId" || head === "segmentId") return "scope";
  return head || "form";
}

/** Where each item of the form's line lists came from: entry or fingerprint i is on line lines.x[i]. */
export type FormLines = { entries: number[]; fingerprints: number[] };

/** Issues with schema or command paths → one message per form field, a list item's naming its line. */
function issuesByField(issues: Issue[], at: FormLines): Issue[] {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const field = formFieldOf(issue.path);
    const [, list, index] = issue.path.split(".");
    const line = (list === "entries" || list === "fingerprints") && index !== undefined ? at[list][Number(index)] : undefined;
    if (!byField.has(field)) byField.set(field, line ? `Line ${line}: ${issue.message}` : issue.message);
  }
  return [...byField].map(([path, message]) => ({ path, message }));
}

/**
 * The form → a valid policy input and the line of each list item, or a 400 whose issues name
 * form fields. The kind decides which list fields are read: a baseline's categories / vendors /
 * fingerprints, an allow-list's entries.
 */
export function readPolicyForm(form: Form): { input: PolicyInput; lines: FormLines } {
  const read = (name: string) => form.get(name);
  const kind = str(read("kind"));
  const scope = str(read("scope"));
  const base = { kind, name: str(read("name")), ...parseScope(scope) };
  const at: FormLines = { entries: [], fingerprints: [] };
  let input: unknown;
  const issues: Issue[] = [];
  if (scope && !/^(site|segment):./.test(scope)) issues.push({ path: "scope", message: "Choose where the policy applies: every site, a site or a segment." });
  if (kind === "usb_allow") {
    const usb = parseUsbEntries(str(read("entries")));
    issues.push(...usb.issues);
    at.entries = usb.lineOf;
    input = { ...base, rules: { entries: usb.entries } };
  } else {
    const optionalList = (items: string[]) => (items.length ? items : undefined);
    const fingerprints = numberedLines(str(read("fingerprints")));
    at.fingerprints = fingerprints.map((f) => f.line);
    input = {
      ...base,
      rules: {
        categories: optionalList(form.getAll("categories").slice(0, MAX_LINES).flatMap((c) => lines(str(c), true))),
        vendors: optionalList(lines(str(read("vendors")), true)),
        fingerprints: optionalList(fingerprints.map((f) => f.text)),
        // A checkbox: present ("on") when ticked; absent means the rule is off, never false.
        registeredOnly: read("registeredOnly") ? true : undefined,
      },
    };
  }
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) issues.push(...zodIssues(parsed.error));
  if (issues.length || !parsed.success) throw badRequest("invalid_policy", "The policy is not valid.", issuesByField(issues, at));
  return { input: parsed.data, lines: at };
}

/**
 * The form's list of an "allow exactly this device" added to an existing policy: an allow-list's
 * entries or a baseline's fingerprints (the policy keeps its name, scope and other rules).
 */
export function readAddedRules(form: Form): { added: { entries?: UsbAllowEntry[]; fingerprints?: string[] }; lines: FormLines } {
  const kind = str(form.get("kind"));
  if (kind !== "usb_allow" && kind !== "baseline") throw badRequest("invalid_policy", "The policy is not valid.", [{ path: "kind", message: "Either a USB allow-list or a baseline." }]);
  const at: FormLines = { entries: [], fingerprints: [] };
  const issues: Issue[] = [];
  let input: unknown;
  if (kind === "usb_allow") {
    const usb = parseUsbEntries(str(form.get("entries")));
    issues.push(...usb.issues);
    at.entries = usb.lineOf;
    input = { entries: usb.entries };
  } else {
    const fingerprints = numberedLines(str(form.get("fingerprints")));
    at.fingerprints = fingerprints.map((f) => f.line);
    input = { fingerprints: fingerprints.map((f) => f.text) };
  }
  const parsed = addedRulesSchema[kind].safeParse(input);
  if (!parsed.success) issues.push(...zodIssues(parsed.error).map((i) => ({ ...i, path: `rules.${i.path}` })));
  if (issues.length || !parsed.success) throw badRequest("invalid_policy", "The policy is not valid.", issuesByField(issues, at));
  return { added: parsed.data, lines: at };
}

export const policyInputFromForm = (form: Form) => readPolicyForm(form).input;

/** A command's refusal (a fingerprint id that names no device, …) restated against the form's fields and lines. */
export function inFormTerms(error: unknown, at: FormLines): unknown {
  if (!(error instanceof ApiError) || !error.issues?.length) return error;
  return new ApiError(error.status, error.code, error.message, issuesByField(error.issues, at));
}
