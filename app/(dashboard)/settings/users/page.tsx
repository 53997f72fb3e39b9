import { ManagePage } from "@/components/ui/manage-page";
import { countOf } from "@/lib/domain/words/count";
import type { Metadata } from "next";
import { CreateUserForm } from "@/components/settings/create-user-form";
import { UserRowForm } from "@/components/settings/user-row-form";
import { UserUnlockButton } from "@/components/settings/user-unlock-button";
import { UserAccessButtons } from "@/components/settings/user-access-buttons";
import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { canManageUsers, isRole } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { signInHolds, type SignInHold } from "@/lib/auth/signin";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/queries/user-list";
import { createUserAction, resetPasswordAction, resetSecondFactorAction, signOutUserEverywhereAction, unlockUserAction, updateUserAction } from "./actions";
import { whenUtc } from "@/lib/domain/words/time-format";

export const metadata: Metadata = { title: "Users & roles" };

export default async function UsersPage() {
  const me = await requirePagePermission(canManageUsers);
  const [users, holds] = await Promise.all([listUsers(getDb()), signInHolds(getDb())]);
  return (
    <ManagePage
      title="Users & roles"
      description="Administrators manage users and agents; security analysts rank and accept risk; clinical engineers keep the inventory true; viewers read."
      createTitle="Create a user"
      createForm={<CreateUserForm action={createUserAction} />}
      listTitle={countOf(users.length, "user")}
    >
      <Table columns={["User", "Last sign-in"]} last="Role and access">
        {users.map((u) => (
          <tr key={u.id} className="border-b border-slate-100 align-middle">
            <td className="py-2 pr-4">
              <p className="font-medium">{u.email}</p>
              <p className="text-xs text-slate-500">
                {u.name ?? ""} {u.id === me.id && <Badge tone="info">you</Badge>} {u.disabledAt && <Badge tone="danger">disabled</Badge>} {u.totpEnabledAt && <Badge tone="info">second factor</Badge>}
              </p>
              <HoldNote hold={holds.get(u.email)} />
            </td>
            <td className="py-2 pr-4 text-slate-600">{u.lastSignInAt ? whenUtc(u.lastSignInAt) : "never"}</td>
            <td className="py-2">
              {isRole(u.role) && <UserRowForm action={updateUserAction} id={u.id} email={u.email} role={u.role} disabled={!!u.disabledAt} />}
              <UserUnlockButton action={unlockUserAction} id={u.id} email={u.email} held={holds.has(u.email)} />
              <UserAccessButtons
                resetAction={resetPasswordAction}
                signOutAction={signOutUserEverywhereAction}
                twoFactorAction={u.totpEnabledAt ? resetSecondFactorAction : undefined}
                id={u.id}
                email={u.email}
                sso={u.authSource === "sso"}
              />
            </td>
          </tr>
        ))}
      </Table>
    </ManagePage>
  );
}

/** A sign-in pause (failed attempts from anywhere) or lock (from some addresses), until when. */
function HoldNote({ hold }: { hold: SignInHold | undefined }) {
  if (!hold) return null;
  const what = hold.kind === "locked" ? `sign-in locked from ${countOf(hold.addresses, "address", "addresses")}` : "sign-in slowed after failed attempts";
  return (
    <p className="mt-1 text-xs">
      <Badge tone="warn">{what}</Badge> <span className="text-slate-500">until {whenUtc(hold.until, "second")}</span>
    </p>
  );
}
