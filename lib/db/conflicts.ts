// What a failed write says, in either database's words: a unique key already taken, or a write
// that lost to a concurrent one (PostgreSQL serialization failure or deadlock, SQLite busy).
// Callers retry on these; everything else is a real error.
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { code?: string }; message?: string };
  if (e?.code === "P2002") return true;
  // A raw statement's failure (lib/db's bulk writes) carries the database's own code: PostgreSQL's
  // unique_violation through the ORM (P2010), SQLite's straight from the driver.
  if (e?.code === "P2010") return e.meta?.code === "23505" || /Code: `23505`/.test(String(e.message));
  return e?.code === "SQLITE_CONSTRAINT_UNIQUE" || e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

export function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === "P2034" || /deadlock|could not serialize|SQLITE_BUSY|database is locked/i.test(String(e?.message));
}
