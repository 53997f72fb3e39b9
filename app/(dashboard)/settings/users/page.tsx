import { ManagePage } from "@/components/ui/manage-page";
import { countOf } from "@/lib/domain/words/count";
import type { Metadata } from "next";
import { CreateUserForm } from "@/components/settings/create-user-form";
import { UserRowForm } from "@/components/settings/user-row-form";
import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { canManageUsers, isRole } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/queries/user-list";
import { createUserAction, updateUserAction } from "./actions";
import { whenUtc } from "@/lib/domain/words/time-format";

export const metadata: Metadata = { title: "Users & roles" };

export default async function UsersPage() {
  const me = await requirePagePermission(canManageUsers);
  const users = await listUsers(getDb());
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
                {u.name ?? ""} {u.id === me.id && <Badge tone="info">you</Badge>} {u.disabledAt && <Badge tone="danger">disabled</Badge>}
              </p>
            </td>
            <td className="py-2 pr-4 text-slate-600">{u.lastSignInAt ? whenUtc(u.lastSignInAt) : "never"}</td>
            <td className="py-2">
              {isRole(u.role) && <UserRowForm action={updateUserAction} id={u.id} email={u.email} role={u.role} disabled={!!u.disabledAt} />}
            </td>
          </tr>
        ))}
      </Table>
    </ManagePage>
  );
}
