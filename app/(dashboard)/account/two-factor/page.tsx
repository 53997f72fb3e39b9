import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { toDataURL } from "qrcode";
import { ConfirmTwoFactorForm, DisableTwoFactorForm, RegenerateRecoveryCodesForm, StartTwoFactorForm } from "@/components/account/two-factor-forms";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { currentUser } from "@/lib/auth/session";
import { groupedSecret } from "@/lib/auth/totp";
import { getDb } from "@/lib/db/client";
import { countOf } from "@/lib/domain/words/count";
import { whenUtc } from "@/lib/domain/words/time-format";
import { twoFactorStatus, type TwoFactorStatus } from "@/lib/queries/two-factor-status";
import { confirmTwoFactorAction, disableTwoFactorAction, regenerateRecoveryCodesAction, startTwoFactorAction } from "./actions";

export const metadata: Metadata = { title: "Second factor" };

// Administrators who must enrol are sent here: this page only asks who is signed in, and never redirects them elsewhere.
export default async function TwoFactorPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const status = await twoFactorStatus(getDb(), user.id);
  if (!status) redirect("/login");
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader
        title="Second factor"
        description="A code from an authenticator app on your phone (Microsoft Authenticator, Google Authenticator, FreeOTP, 1Password…) is asked for at each sign-in after your password, so a stolen password alone cannot sign in."
      />
      {!status.local ? (
        <Card>
          <p className="text-sm text-slate-700">You sign in through your organisation&apos;s single sign-on: its identity provider asks for your second factor.</p>
        </Card>
      ) : status.enabledAt ? (
        <Enabled status={status} />
      ) : status.pending ? (
        <Pending status={status} pending={status.pending} />
      ) : (
        <Card title="Set up">
          {status.required && (
            <p role="alert" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">
              Administrators must set up a second factor before using the dashboard.
            </p>
          )}
          <p className="mb-3 text-sm text-slate-700">The second factor is off. Setting it up takes a minute: scan a QR code with the app, enter the code it shows, and save your recovery codes.</p>
          <StartTwoFactorForm action={startTwoFactorAction} text="Set up an authenticator app" />
        </Card>
      )}
    </div>
  );
}

async function Pending({ status, pending }: { status: TwoFactorStatus; pending: { secret: string; uri: string } }) {
  const qr = await toDataURL(pending.uri, { margin: 1, width: 208, errorCorrectionLevel: "M" });
  return (
    <Card title="Scan, then confirm">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        {/* A data: URL made on the server: the secret goes to no other service. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={qr} width={208} height={208} alt={`QR code for ${status.email} to scan with your authenticator app`} className="rounded ring-1 ring-slate-200" />
        <div className="flex flex-col gap-2 text-sm text-slate-700">
          <p>1. In your authenticator app, add an account and scan this QR code.</p>
          <p>
            Cannot scan? Enter this key instead (time-based, six digits):{" "}
            <code data-testid="totp-secret" className="block break-all rounded bg-slate-100 p-2 font-mono text-sm text-slate-900">{groupedSecret(pending.secret)}</code>
          </p>
          <p>2. Enter the code the app shows now.</p>
        </div>
      </div>
      <div className="mt-4">
        <ConfirmTwoFactorForm action={confirmTwoFactorAction} />
      </div>
      <div className="mt-4 border-t border-slate-100 pt-3">
        <StartTwoFactorForm action={startTwoFactorAction} text="Start again with a new key" />
      </div>
    </Card>
  );
}

function Enabled({ status }: { status: TwoFactorStatus }) {
  return (
    <>
      <Card title="On">
        <p className="text-sm text-slate-700" data-testid="two-factor-state">
          On since {whenUtc(status.enabledAt!)}. {countOf(status.recoveryCodesLeft, "recovery code")} left unused.
        </p>
      </Card>
      <Card title="Recovery codes">
        <p className="mb-3 text-sm text-slate-700">Lost them, or used most? Make ten new ones: the old ones stop working.</p>
        <RegenerateRecoveryCodesForm action={regenerateRecoveryCodesAction} />
      </Card>
      <Card title="Turn off">
        {status.required ? (
          <p className="text-sm text-slate-700">Administrators must keep a second factor while local sign-in is on. If your phone is lost, sign in with a recovery code and ask another administrator to reset your second factor (or run npm run user:reset-second-factor on the server), then set it up again.</p>
        ) : (
          <DisableTwoFactorForm action={disableTwoFactorAction} />
        )}
      </Card>
    </>
  );
}
