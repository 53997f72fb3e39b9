// Who a single sign-on is in the dashboard. The identity provider vouches for the person (issuer
// + subject) and their groups; the dashboard's group → role mappings decide the role, again at
// every sign-in, so a group change at the provider takes effect at the person's next sign-in.
import { z } from "zod";
import { audit } from "../db/audit-trail";
import type { Db } from "../db/client";
import { ROLES, isRole, type Role } from "./roles";
import { revokeUserSessions } from "./sessions";
import { normalizeEmail } from "./signin";
import { groupsFromClaim, roleFromGroups } from "../domain/sso/group-roles";
import { log } from "../ops/log";

const SYSTEM = { system: "single sign-on" };

/** Why a sign-in through the identity provider is refused; the sign-in page words each one. */
export type SsoRefusal = "no-role" | "disabled" | "local-account" | "email-taken" | "bad-claims";

export type SsoUser = { id: string; email: string; name: string | null; role: Role };
export type SsoSignIn = { ok: true; user: SsoUser; created: boolean } | { ok: false; reason: SsoRefusal };

export type SsoIdentity = { issuer: string; groupsClaim: string; claims: Record<string, unknown> };

const emailSchema = z.string().trim().max(254).pipe(z.email());
const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  name: z.string().trim().max(120).optional().catch(undefined),
});

/** The e-mail: `email`, else Entra ID's `preferred_username` (the UPN) or `upn` when it is an address. */
function emailOf(claims: Record<string, unknown>): string | null {
  for (const key of ["email", "preferred_username", "upn"]) {
    const parsed = emailSchema.safeParse(claims[key]);
    if (parsed.success) return normalizeEmail(parsed.data);
  }
  return null;
}

/** The role the person's groups map to, or null: the highest-privilege one of ROLES' order. */
async function mappedRole(db: Db, groups: string[]): Promise<Role | null> {
  if (groups.length === 0) return null;
  const mappings = await db.ssoGroupRole.findMany({ where: { group: { in: groups } }, select: { group: true, role: true } });
  return roleFromGroups(groups, mappings.filter((m): m is { group: string; role: Role } => isRole(m.role)), ROLES);
}

const refuse = (reason: SsoRefusal, detail: Record<string, unknown>): SsoSignIn => {
  log.warn("single sign-on refused", { reason, ...detail });
  return { ok: false, reason };
};

/**
 * Finds or creates the person's account and sets its role from their groups. Refused, with no
 * account made or changed: no mapped group, a disabled account, or an e-mail that belongs to a
 * local account (an identity provider does not silently take over a password account; an
 * administrator converts it first, see the README) or to another provider's subject.
 */
export async function signInThroughSso(db: Db, identity: SsoIdentity, now = new Date()): Promise<SsoSignIn> {
  const parsed = claimsSchema.safeParse(identity.claims);
  const email = emailOf(identity.claims);
  if (!parsed.success || !email) return refuse("bad-claims", { issuer: identity.issuer, hasEmail: !!email });
  const { sub, name } = parsed.data;
  const who = { issuer: identity.issuer, sub, email };
  const groups = groupsFromClaim(identity.claims[identity.groupsClaim]);
  // Entra ID leaves the groups out of the token for a member of more than 200 ("overage"): say so in the log.
  const unmapped = { ...who, groups: groups.length, overage: Boolean((identity.claims._claim_names as Record<string, unknown> | undefined)?.groups) };
  const role = await mappedRole(db, groups);

  const known =
    (await db.user.findUnique({ where: { ssoIssuer_ssoSubject: { ssoIssuer: identity.issuer, ssoSubject: sub } } })) ??
    (await convertedAccount(db, email, identity.issuer));
  if (!known) {
    const holder = await db.user.findUnique({ where: { email }, select: { authSource: true } });
    if (holder) return refuse(holder.authSource === "local" ? "local-account" : "email-taken", who);
    if (!role) return refuse("no-role", unmapped);
    return { ok: true, user: await createSsoUser(db, { ...who, name, role }, now), created: true };
  }
  if (known.disabledAt) return refuse("disabled", who);
  if (!role) return (await endUnmappedSessions(db, known.id, now), refuse("no-role", unmapped));
  return { ok: true, user: await updateSsoUser(db, known, { sub, issuer: identity.issuer, name, role }, now), created: false };
}

/**
 * The provider no longer puts the person in any mapped group: access was withdrawn there, so the
 * sessions they still hold here end too (audited when there were any).
 */
async function endUnmappedSessions(db: Db, userId: string, now: Date) {
  const ended = await revokeUserSessions(db, userId, "groups-unmapped", { now });
  if (ended) await audit(db, { actor: SYSTEM, action: "user.sso.no-role", targetType: "user", targetId: userId, after: { sessionsEnded: ended } });
}

/** An account an administrator converted to single sign-on (authSource "sso", no subject yet): the first sign-in with its e-mail claims it. */
function convertedAccount(db: Db, email: string, issuer: string) {
  return db.user.findFirst({ where: { email, authSource: "sso", ssoSubject: null, OR: [{ ssoIssuer: null }, { ssoIssuer: issuer }] } });
}

async function createSsoUser(db: Db, who: { issuer: string; sub: string; email: string; name?: string; role: Role }, now: Date): Promise<SsoUser> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: who.email, name: who.name, role: who.role, passwordHash: null, authSource: "sso", ssoIssuer: who.issuer, ssoSubject: who.sub, lastSignInAt: now },
      select: { id: true, email: true, name: true },
    });
    await audit(tx, { actor: SYSTEM, action: "user.sso.create", targetType: "user", targetId: user.id, after: { email: user.email, role: who.role, issuer: who.issuer } });
    return { ...user, role: who.role };
  });
}

type KnownUser = { id: string; email: string; name: string | null; role: string; ssoSubject: string | null };

/** The role follows the groups; a changed role ends the person's other sessions, as an administrator's change would. */
async function updateSsoUser(db: Db, known: KnownUser, change: { issuer: string; sub: string; name?: string; role: Role }, now: Date): Promise<SsoUser> {
  const { issuer, sub, name, role } = change;
  return db.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: known.id },
      data: { role, name: name ?? known.name, ssoIssuer: issuer, ssoSubject: sub, lastSignInAt: now },
      select: { id: true, email: true, name: true },
    });
    if (!known.ssoSubject) {
      await audit(tx, { actor: SYSTEM, action: "user.sso.link", targetType: "user", targetId: user.id, after: { issuer, role } });
    }
    if (known.role !== role) {
      const ended = await revokeUserSessions(tx, user.id, "role-change", { now });
      await audit(tx, { actor: SYSTEM, action: "user.sso.role-change", targetType: "user", targetId: user.id, before: { role: known.role }, after: { role, sessionsEnded: ended } });
    }
    return { ...user, role };
  });
}
