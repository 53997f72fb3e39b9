// What a failed write says, in either database's words: a unique key already taken, or a write
// that lost to a concurrent one (PostgreSQL serialization failure or deadlock, SQLite busy).
// Callers retry on these; everything else is a real error.
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

export function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === "P2034" || /deadlock|could not serialize|SQLITE_BUSY|database is locked/i.test(String(e?.message));
}
