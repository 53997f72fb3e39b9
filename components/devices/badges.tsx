import { Badge, type Tone } from "@/components/ui/badge";

const STATUS_TONE: Record<string, Tone> = { pending: "warn", authorized: "ok", unauthorized: "danger", retired: "neutral" };
const TIER_TONE: Record<string, Tone> = { critical: "danger", high: "warn", medium: "info", low: "neutral" };

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? "neutral"}>{status}</Badge>;
}

export function TierBadge({ tier, score }: { tier: string; score?: number }) {
  return (
    <Badge tone={TIER_TONE[tier] ?? "neutral"}>
      {tier}
      {score !== undefined ? ` ${score}` : ""}
    </Badge>
  );
}
