// Agent tokens are stored only as their SHA-256, and a report's token is looked up by that hash:
// enrolment writes it, ingestion reads it, and neither needs the other for it.
import { createHash } from "node:crypto";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
