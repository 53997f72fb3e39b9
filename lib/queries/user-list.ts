import "server-only";
// The users for Settings → Users & roles and GET /api/users: never the password hash.
import type { Db } from "../db/client";
import { publicUserSelect } from "../db/user-select";

export const USER_LIST_LIMIT = 1000;

/** Every user (bounded), by e-mail. */
export function listUsers(db: Db) {
  return db.user.findMany({ select: publicUserSelect, orderBy: { email: "asc" }, take: USER_LIST_LIMIT });
}
