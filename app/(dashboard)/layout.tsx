import { NAV_ITEMS } from "@/components/shell/nav-items";
import { NavLinks } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const items = NAV_ITEMS.filter((item) => item.allowed(user)).map(({ href, label, prefetch }) => ({ href, label, prefetch: prefetch ?? false }));
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <nav aria-label="Main" className="no-print flex shrink-0 flex-col gap-4 bg-brand-900 p-4 text-white md:w-60">
        <div>
          <p className="text-lg font-semibold">IoMT Risk</p>
          <p className="text-xs text-slate-300">Hospital device risk</p>
        </div>
        <NavLinks items={items} />
        <div className="mt-auto border-t border-white/20 pt-4 text-sm" data-testid="signed-in-user">
          {user.name && <p className="truncate font-medium">{user.name}</p>}
          <p className={user.name ? "truncate text-xs text-slate-300" : "truncate font-medium"}>{user.email}</p>
          <p className="mb-3 text-xs text-slate-300">{ROLE_LABELS[user.role]}</p>
          <SignOutButton />
        </div>
      </nav>
      <main className="min-w-0 flex-1 p-4 md:p-8">{children}</main>
    </div>
  );
}
