import { canEditPlaces, canImportFeeds, canManageApiKeys, canManageAssetRegister, canManageIntegrations, canManageUsers, canViewAuditLog, canViewDashboard, type Actor } from "@/lib/auth/roles";

/** prefetch: whether the link loads its page ahead (the views a person moves between; not settings). */
export type NavItem = { href: string; label: string; allowed: (actor: Actor) => boolean; prefetch?: boolean };

/** The views every signed-in person sees, in the order a user works through them. */
const VIEWS: [href: string, label: string][] = [
  ["/", "Overview"], ["/inventory", "Inventory"], ["/fleets", "Fleets"], ["/changes", "Changes"], ["/assets", "Assets"], ["/risk", "Risk priority"], ["/review", "Possible matches"], ["/unauthorized", "Unauthorized & spoofed"],
  ["/alerts", "Alerts"], ["/agents", "Agents"], ["/reports", "CISO report"],
];

/** Then the settings, each for the roles that may use it. */
const SETTINGS: NavItem[] = [
  { href: "/settings/feeds", label: "Feeds", allowed: canImportFeeds },
  // Every role may read the policies (only administrators and analysts change them).
  { href: "/settings/policies", label: "Policies", allowed: canViewDashboard },
  { href: "/settings/sites", label: "Sites and segments", allowed: canEditPlaces },
  { href: "/settings/assets", label: "Asset register", allowed: canManageAssetRegister },
  { href: "/settings/users", label: "Users & roles", allowed: canManageUsers },
  { href: "/settings/sso", label: "Single sign-on", allowed: canManageUsers },
  { href: "/settings/api-keys", label: "API keys", allowed: canManageApiKeys },
  { href: "/settings/integrations", label: "Integrations", allowed: canManageIntegrations },
  { href: "/settings/reports", label: "Scheduled report", allowed: canManageIntegrations },
  { href: "/settings/audit", label: "Audit log", allowed: canViewAuditLog },
];

/** Last, each person's own account: password, second factor, sessions. */
const ACCOUNT: NavItem = { href: "/account", label: "Your account", allowed: canViewDashboard };

export const NAV_ITEMS: NavItem[] = [...VIEWS.map(([href, label]) => ({ href, label, allowed: canViewDashboard, prefetch: true })), ...SETTINGS, ACCOUNT];
