import "server-only";
// The group → role mappings for Settings → Single sign-on.
import type { Db } from "../db/client";
import { MAX_SSO_MAPPINGS } from "../domain/sso/group-roles";

export function listSsoMappings(db: Db) {
  return db.ssoGroupRole.findMany({ select: { id: true, group: true, role: true, createdBy: true, createdAt: true }, orderBy: { group: "asc" }, take: MAX_SSO_MAPPINGS });
}
