// The four roles and what each one may do. Pure: used by the server (pages, route handlers,
// server actions) and by the UI to hide what a user cannot do. The server is what enforces.

export const ROLES = ["admin", "analyst", "engineer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  analyst: "Security analyst",
  engineer: "Clinical engineer",
  viewer: "Viewer",
};

export type Actor = { role: Role } | null | undefined;

const is = (actor: Actor, ...roles: Role[]) => !!actor && roles.includes(actor.role);

export const canViewDashboard = (a: Actor) => is(a, "admin", "analyst", "engineer", "viewer");
export const canManageUsers = (a: Actor) => is(a, "admin");
export const canManageAgents = (a: Actor) => is(a, "admin");
export const canManageApiKeys = (a: Actor) => is(a, "admin");
/** Webhooks, syslog targets and enforcement modes: what leaves the dashboard, and what agents do. */
export const canManageIntegrations = (a: Actor) => is(a, "admin");
export const canImportFeeds = (a: Actor) => is(a, "admin");
export const canManagePolicies = (a: Actor) => is(a, "admin", "analyst");
/** Rename sites and segments, set a segment's exposure class, move a segment to another site. */
export const canEditPlaces = (a: Actor) => is(a, "admin");
export const canViewAuditLog = (a: Actor) => is(a, "admin", "analyst");
/** Approve / block devices: clinical engineers own the inventory, analysts own security. */
export const canApproveDevice = (a: Actor) => is(a, "admin", "analyst", "engineer");
/** Confirm, dismiss or split a spoof finding: a security judgement, the analysts'. */
export const canDecideSpoof = (a: Actor) => is(a, "admin", "analyst");
export const canEditDevice = (a: Actor) => is(a, "admin", "engineer");
export const canEditCriticality = (a: Actor) => is(a, "admin", "engineer");
export const canAcceptRisk = (a: Actor) => is(a, "admin", "analyst");
export const canAssignDevice = (a: Actor) => is(a, "admin", "analyst", "engineer");
export const canHandleAlert = (a: Actor) => is(a, "admin", "analyst", "engineer");
/** Confirm or dismiss a possible match (a CVE the matcher is not sure applies to a device). */
export const canReviewMatches = (a: Actor) => is(a, "admin", "analyst", "engineer");
// The asset register is clinical engineering's: they import it, map its columns, and link or
// unlink its entries with devices (every role may read the Assets view).
export const canManageAssetRegister = (a: Actor) => is(a, "admin", "engineer");
// Firmware change control (issue 17): clinical engineering plans, security decides (never the
// requester: lib/domain/changes/change-plan.ts), and anyone who handles devices follows up.
export const canPlanChange = (a: Actor) => is(a, "admin", "engineer");
export const canDecideChange = (a: Actor) => is(a, "admin", "analyst");
/** Close or reassign the contingency task of a device whose firmware change failed. */
export const canHandleContingency = (a: Actor) => is(a, "admin", "analyst", "engineer");
/** Review an unplanned firmware change, which clears the device's flag. */
export const canReviewFirmware = (a: Actor) => is(a, "admin", "analyst", "engineer");

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
