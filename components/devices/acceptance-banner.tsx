// A device's risk acceptance: who accepted what until when. The score is unchanged by it; the
// device only ranks apart in Risk priority until the expiry.
import type { ActionResult } from "@/lib/web/action-result";
import { whenUtc } from "@/lib/domain/words/time-format";
import type { getRiskAcceptance } from "@/lib/queries/device-detail";
import { RevokeAcceptanceButton } from "./revoke-acceptance-button";

type Acceptance = NonNullable<Awaited<ReturnType<typeof getRiskAcceptance>>>;
type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function AcceptanceBanner({ acceptance: a, deviceId, now, revoke }: { acceptance: Acceptance; deviceId: string; now: Date; revoke?: Action }) {
  if (a.expiresAt <= now) {
    return (
      <p className="mb-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700" data-testid="acceptance-expired">
        A risk acceptance expired on {whenUtc(a.expiresAt)} (owner {a.owner}, accepted by {a.acceptedBy.email}): the device ranks with the others again.
      </p>
    );
  }
  return (
    <section aria-label="Risk acceptance" className="mb-4 flex flex-wrap items-start justify-between gap-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <div className="flex flex-col gap-1">
        <p className="font-semibold">Risk accepted until {whenUtc(a.expiresAt)}</p>
        <p>Owner: {a.owner} · accepted by {a.acceptedBy.email} on {whenUtc(a.createdAt)}</p>
        <p>Reason: {a.reason}</p>
        <p className="text-xs">The score is unchanged; the device ranks apart in Risk priority until the expiry.</p>
      </div>
      {revoke && <RevokeAcceptanceButton action={revoke} id={deviceId} />}
    </section>
  );
}
