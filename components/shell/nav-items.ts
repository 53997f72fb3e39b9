import { canImportFeeds, canManageApiKeys, canManagePolicies, canManageUsers, canViewAuditLog, canViewDashboard, type Actor } from "@/lib/auth/roles";

export type NavItem = { href: string; label: string; allowed: (actor: Actor) => boolean };

/** The views that exist, in the order a user works through them. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", allowed: canViewDashboard },
  { href: "/inventory", label: "Inventory", allowed: canViewDashboard },
  { href: "/risk", label: "Risk priority", allowed: canViewDashboard },
  { href: "/unauthorized", label: "Unauthorized & spoofed", allowed: canViewDashboard },
  { href: "/alerts", label: "Alerts", allowed: canViewDashboard },
  { href: "/agents", label: "Agents", allowed: canViewDashboard },
  { href: "/reports", label: "CISO report", allowed: canViewDashboard },
  { href: "/settings/feeds", label: "Feeds", allowed: canImportFeeds },
  { href: "/settings/policies", label: "Policies", allowed: canManagePolicies },
  { href: "/settings/users", label: "Users & roles", allowed: canManageUsers },
  { href: "/settings/api-keys", label: "API keys", allowed: canManageApiKeys },
  { href: "/settings/audit", label: "Audit log", allowed: canViewAuditLog },
];
