// What of a user may leave the database for a page, an API answer or an audit entry: never the
// password hash. Shared by the user commands and the users list.
import type { Prisma } from "./client";

export const publicUserSelect = { id: true, email: true, name: true, role: true, disabledAt: true, lastSignInAt: true, createdAt: true, authSource: true, totpEnabledAt: true } as const satisfies Prisma.UserSelect;
