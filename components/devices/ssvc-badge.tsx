import { Badge, type Tone } from "@/components/ui/badge";

const SSVC_TONE: Record<string, Tone> = { Act: "danger", Attend: "warn", "Track*": "info", Track: "neutral" };

/** CISA SSVC decision: Act > Attend > Track* > Track. */
export function SsvcBadge({ label }: { label: string | null | undefined }) {
  if (!label) return null;
  return <Badge tone={SSVC_TONE[label] ?? "neutral"}>SSVC {label}</Badge>;
}
