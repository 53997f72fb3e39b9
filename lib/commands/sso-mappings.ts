// Settings → Single sign-on: which identity-provider group gives which role. Each change audited.
import { z } from "zod";
import { actorLabel, audit, type AuditActor } from "../db/audit-trail";
import { ROLES } from "../auth/roles";
import type { Db } from "../db/client";
import { MAX_SSO_MAPPINGS } from "../domain/sso/group-roles";
import { badRequest, conflict, notFound, zodIssues } from "../web/errors";

const newMappingSchema = z.object({
  // An Entra ID group object id, a Keycloak group name or path, an Okta group name: exact, case-sensitive.
  group: z.string().trim().min(1, "Enter the group as the identity provider sends it.").max(256, "At most 256 characters."),
  role: z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}.` }),
});

const mappingIdSchema = z.object({ id: z.string().min(1).max(64) });

export async function addSsoMapping(db: Db, input: unknown, actor: AuditActor) {
  const parsed = newMappingSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_sso_mapping", "The mapping could not be added.", zodIssues(parsed.error));
  const { group, role } = parsed.data;
  if (await db.ssoGroupRole.findUnique({ where: { group } })) throw conflict(`Group ${group} is mapped already: remove that mapping first.`);
  if ((await db.ssoGroupRole.count()) >= MAX_SSO_MAPPINGS) throw conflict(`At most ${MAX_SSO_MAPPINGS} group mappings.`);
  const createdBy = actorLabel(actor);
  return db.$transaction(async (tx) => {
    const mapping = await tx.ssoGroupRole.create({ data: { group, role, createdBy } });
    await audit(tx, { actor, action: "sso.mapping.add", targetType: "sso-mapping", targetId: mapping.id, after: { group, role } });
    return mapping;
  });
}

/** Removing a mapping takes effect at each person's next sign-in (a person left with no mapped group is refused then). */
export async function removeSsoMapping(db: Db, input: unknown, actor: AuditActor) {
  const parsed = mappingIdSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_sso_mapping", "No such mapping.", zodIssues(parsed.error));
  const mapping = await db.ssoGroupRole.findUnique({ where: { id: parsed.data.id } });
  if (!mapping) throw notFound("mapping");
  return db.$transaction(async (tx) => {
    await tx.ssoGroupRole.delete({ where: { id: mapping.id } });
    await audit(tx, { actor, action: "sso.mapping.remove", targetType: "sso-mapping", targetId: mapping.id, before: { group: mapping.group, role: mapping.role } });
    return mapping;
  });
}
