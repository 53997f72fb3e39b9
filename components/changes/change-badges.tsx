import { Badge, type Tone } from "@/components/ui/badge";
import type { PlanState } from "@/lib/domain/changes/change-plan";
import { DEVICE_STATE_WORDS, DIRECTION_WORDS, PLAN_STATE_WORDS } from "@/lib/domain/words/change-words";

const PLAN_TONES: Record<PlanState, Tone> = { submitted: "info", approved: "ok", rejected: "neutral", cancelled: "neutral", in_window: "warn", completed: "ok" };
const DEVICE_TONES: Record<string, Tone> = { planned: "info", verified: "ok", failed: "danger" };
const DIRECTION_TONES: Record<string, Tone> = { upgrade: "info", downgrade: "danger", sidegrade: "warn" };

const known = <K extends string>(words: Record<K, string>, value: string): value is K => value in words;

export function PlanStateBadge({ state }: { state: string }) {
  return <Badge tone={known(PLAN_STATE_WORDS, state) ? PLAN_TONES[state] : "neutral"}>{known(PLAN_STATE_WORDS, state) ? PLAN_STATE_WORDS[state] : state}</Badge>;
}

export function DeviceStateBadge({ state }: { state: string }) {
  return <Badge tone={DEVICE_TONES[state] ?? "neutral"}>{known(DEVICE_STATE_WORDS, state) ? DEVICE_STATE_WORDS[state] : state}</Badge>;
}

export function DirectionBadge({ direction }: { direction: string | null }) {
  if (!direction) return null;
  return <Badge tone={DIRECTION_TONES[direction] ?? "neutral"}>{known(DIRECTION_WORDS, direction) ? DIRECTION_WORDS[direction].toLowerCase() : direction}</Badge>;
}

/** "3 verified · 1 failed · 8 planned" */
export function ProgressLine({ progress }: { progress: { planned: number; verified: number; failed: number } }) {
  const parts: [number, string, string][] = [[progress.verified, "verified", "text-emerald-700"], [progress.failed, "failed", "text-red-700"], [progress.planned, "planned", "text-slate-600"]];
  return (
    <span className="tabular-nums">
      {parts.filter(([n]) => n > 0).map(([n, word, tone], i) => <span key={word} className={tone}>{i > 0 && " · "}{n.toLocaleString("en-US")} {word}</span>)}
    </span>
  );
}
