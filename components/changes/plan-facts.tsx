import { Card } from "@/components/ui/card";
import { contingencySentence } from "@/lib/domain/words/change-words";
import { whenUtc } from "@/lib/domain/words/time-format";
import type { PlanDetail } from "@/lib/queries/changes";
import { FactList } from "@/components/ui/fact-list";

type Plan = PlanDetail["plan"];

const strings = (json: unknown): string[] => (Array.isArray(json) ? json.filter((v): v is string => typeof v === "string") : []);

/** The stored selection in words: the devices chosen one by one, or the fleet's filter. */
function selectionWords(json: unknown, devices: number): string {
  const s = (json ?? {}) as Record<string, unknown>;
  const n = `${devices.toLocaleString("en-US")} ${devices === 1 ? "device" : "devices"}`;
  if (s.kind !== "filter") return `${n}, chosen one by one`;
  const text = (k: string) => (typeof s[k] === "string" ? (s[k] as string) : "");
  return `${n}: every ${text("vendor")} ${text("model")}${text("firmware") ? ` at ${text("firmware")}` : ""}${text("siteId") ? " on one site" : ""} when it was planned`;
}

/** The preview stored with the plan: what it was shown to clear before approval. */
function previewWords(json: unknown): string {
  const p = (json ?? {}) as Record<string, unknown>;
  const closed = strings(p.cvesClosed);
  const risk = typeof p.riskBefore === "number" && typeof p.riskAfter === "number" ? `highest risk ${p.riskBefore} → ${p.riskAfter}` : "";
  return [`${closed.length} CVEs closed${closed.length ? ` (${closed.slice(0, 12).join(", ")}${closed.length > 12 ? ", …" : ""})` : ""}`, risk].filter(Boolean).join("; ");
}

/** What was planned, why, who asked and who decided. */
export function PlanFacts({ plan }: { plan: Plan }) {
  const advisories = strings(plan.advisoryIds);
  const rows: [string, React.ReactNode][] = [
    ["Devices", selectionWords(plan.selection, plan._count.devices)],
    ["Window (UTC)", `${whenUtc(plan.windowStart)} to ${whenUtc(plan.windowEnd)}, planned in ${plan.timeZone}`],
    ["Reason", plan.reason],
    ["Advisories", advisories.length ? advisories.join(", ") : "none named"],
    ["Release note", plan.releaseNoteUrl && /^https?:\/\//i.test(plan.releaseNoteUrl) ? <a href={plan.releaseNoteUrl} rel="noreferrer noopener" target="_blank" className="text-brand-700 underline">{plan.releaseNoteUrl}</a> : "—"],
    ["If a device fails", contingencySentence(plan.contingency as Parameters<typeof contingencySentence>[0], plan.rollbackVersion)],
    ["Clinical downtime accepted", `${plan.downtimeMinutes} min per device`],
    ["What it clears (preview)", previewWords(plan.preview)],
    ["Requested", `${plan.requestedBy}, ${whenUtc(plan.createdAt)}${plan.externalRef ? ` (work order ${plan.externalRef})` : ""}`],
    ["Decided", plan.decidedAt ? `${plan.decidedBy ?? "—"}, ${whenUtc(plan.decidedAt)}${plan.decisionReason ? `: ${plan.decisionReason}` : ""}` : "not yet"],
  ];
  if (plan.completedAt) rows.push(["Completed", whenUtc(plan.completedAt)]);
  return (
    <Card title="The plan">
      <FactList rows={rows} className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]" testId="plan-facts" />
    </Card>
  );
}
