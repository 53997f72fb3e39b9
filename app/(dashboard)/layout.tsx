import { NAV_ITEMS } from "@/components/shell/nav-items";
import { NavLinks } from "@/components/shell/nav-links";
import { NavMenu } from "@/components/shell/nav-menu";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { SkipLink } from "@/components/shell/skip-link";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";

/** Where the skip link lands: the page's own content, past the navigation. */
const CONTENT_ID = "content";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const items = NAV_ITEMS.filter((item) => item.allowed(user)).map(({ href, label, prefetch }) => ({ href, label, prefetch: prefetch ?? false }));
  const brand = (
    <div>
      <p className="text-lg font-semibold">IoMT Risk</p>
      <p className="hidden text-xs text-slate-300 md:block">Hospital device risk</p>
    </div>
  );
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <SkipLink target={CONTENT_ID} />
      <NavMenu brand={brand}>
        <NavLinks items={items} />
        <div className="mt-auto border-t border-white/20 pt-4 text-sm" data-testid="signed-in-user">
          {user.name && <p className="truncate font-medium">{user.name}</p>}
          <p className={user.name ? "truncate text-xs text-slate-300" : "truncate font-medium"}>{user.email}</p>
          <p className="mb-3 text-xs text-slate-300">{ROLE_LABELS[user.role]}</p>
          <SignOutButton />
        </div>
      </NavMenu>
      {/* tabIndex -1: the skip link can move focus here, yet Tab does not stop on it. */}
      <main id={CONTENT_ID} tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none md:p-8">
        {children}
      </main>
    </div>
  );
}
