import type { Metadata } from "next";
import Link from "next/link";
import { PasswordChangeForm } from "@/components/account/password-change-form";
import { SessionSignOutButtons } from "@/components/account/session-sign-out-buttons";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { currentSessionId, requirePageUser } from "@/lib/auth/session";
import { listSessions } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { whenUtc } from "@/lib/domain/words/time-format";
import { changePasswordAction, signOutEverywhereAction, signOutOtherSessionsAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

const METHOD_LABELS: Record<string, string> = { password: "E-mail and password", sso: "Single sign-on" };

export default async function AccountPage() {
  const me = await requirePageUser();
  const [sessions, thisSession] = await Promise.all([listSessions(getDb(), me.id), currentSessionId()]);
  const sso = me.authSource === "sso";
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Your account" description={`${me.email} · ${ROLE_LABELS[me.role]} · ${sso ? "signs in through single sign-on" : "signs in with a password"}`} />
      {me.mustChangePassword && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          Your password was reset by an administrator. Choose a new one to continue.
        </p>
      )}
      <Card title="Password">
        {sso ? (
          <p className="text-sm text-slate-600">Your password is kept by your organisation&apos;s identity provider: change it there.</p>
        ) : (
          <PasswordChangeForm action={changePasswordAction} />
        )}
      </Card>
      {!sso && (
        <Card title="Second factor">
          <p className="text-sm text-slate-600">
            {me.totpEnabledAt ? `An authenticator app is set up since ${whenUtc(me.totpEnabledAt)}.` : "No second factor yet."}{" "}
            <Link href="/account/two-factor" className="text-brand-700 underline">Manage the second factor</Link>
          </p>
        </Card>
      )}
      <Card title="Your sessions">
        <p className="mb-3 text-sm text-slate-600">Each place you are signed in. A session ends when you sign out, after a time unused, or at the end of its lifetime.</p>
        <Table columns={["Started", "Last used", "Address", "Method"]} last="Browser">
          {sessions.map((s) => (
            <tr key={s.id} className="border-b border-slate-100 align-top" data-testid="account-session">
              <td className="py-2 pr-4">
                {whenUtc(s.createdAt)} {s.id === thisSession && <Badge tone="info">this session</Badge>}
              </td>
              <td className="py-2 pr-4">{whenUtc(s.lastSeenAt)}</td>
              <td className="py-2 pr-4">{s.address ?? "—"}</td>
              <td className="py-2 pr-4">{METHOD_LABELS[s.method] ?? s.method}</td>
              <td className="max-w-xs truncate py-2 text-xs text-slate-500" title={s.userAgent ?? undefined}>{s.userAgent ?? "—"}</td>
            </tr>
          ))}
        </Table>
        <div className="mt-4">
          <SessionSignOutButtons othersAction={signOutOtherSessionsAction} allAction={signOutEverywhereAction} />
        </div>
      </Card>
    </div>
  );
}
