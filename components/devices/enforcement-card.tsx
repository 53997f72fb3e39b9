import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { enforcementLine } from "@/lib/domain/enforcement/enforcement-words";
import { listDeviceEnforcements } from "@/lib/queries/enforcement-views";

const TONE: Record<string, Tone> = { blocked: "danger", allowed: "ok", failed: "warn" };
const WORD: Record<string, string> = { blocked: "blocked", allowed: "allowed again", failed: "failed" };

/** Where and when agents enforced the dashboard's decisions on this device (newest first); nothing when no agent ever did. */
export async function EnforcementCard({ deviceId }: { deviceId: string }) {
  const rows = await listDeviceEnforcements(deviceId);
  if (!rows.length) return null;
  return (
    <Card title="Enforced on hosts" className="mt-4">
      <ul className="flex flex-col gap-2 text-sm" aria-label="Enforcement on hosts" data-testid="enforcement-card">
        {rows.map((r) => (
          <li key={r.id} className="flex flex-wrap items-start gap-2">
            <Badge tone={TONE[r.action] ?? "neutral"}>{WORD[r.action] ?? r.action}</Badge>
            <span className="min-w-0 flex-1 break-words">{enforcementLine({ ...r, host: r.hostname ?? r.agent.name })}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
