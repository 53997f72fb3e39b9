// Which role a person gets from the groups their identity provider says they are in. Pure: the
// sign-in path (lib/auth/sso-sign-in.ts) reads the mappings and hands them in.

/** Most groups a claim may carry before it is cut (Entra ID sends at most 200 in a token). */
export const MAX_GROUPS = 500;
const MAX_GROUP_LENGTH = 256;

/**
 * The groups claim as a list of group names: an array of strings (Entra ID, Keycloak, Okta) or one
 * string (some providers, for a single group). Anything else counts as no groups, never a match.
 */
export function groupsFromClaim(value: unknown): string[] {
  const raw = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  const groups = raw.filter((g): g is string => typeof g === "string" && g.length > 0 && g.length <= MAX_GROUP_LENGTH);
  return [...new Set(groups)].slice(0, MAX_GROUPS);
}

export type GroupRole<R extends string> = { group: string; role: R };

/**
 * The highest-privilege role among the groups that have a mapping (`byPrivilege` lists the roles
 * from most to least privileged), or null when none of the person's groups is mapped. Group names
 * compare exactly: "Engineers" is not "engineers", as the provider's ids are case-sensitive.
 */
export function roleFromGroups<R extends string>(groups: readonly string[], mappings: readonly GroupRole<R>[], byPrivilege: readonly R[]): R | null {
  const member = new Set(groups);
  const matched = new Set(mappings.filter((m) => member.has(m.group)).map((m) => m.role));
  return byPrivilege.find((role) => matched.has(role)) ?? null;
}

/** Most group → role mappings: enough for any hospital's directory, and keeps the settings page bounded. */
export const MAX_SSO_MAPPINGS = 200;
