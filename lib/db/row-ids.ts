// Row ids for bulk writes: time first (base 36), then a per-process counter and a per-process
// random tag, so inserts land at the end of the primary-key index as Prisma's cuid() ids do, and
// two instances never collide. (No per-id randomness: at 10k rows a second it showed up in
// profiles.)
import { randomBytes } from "node:crypto";

const processTag = randomBytes(6).toString("hex");
let counter = 0;

export function newRowId(): string {
  counter = (counter + 1) % 2_176_782_336; // 36^6
  return `c${Date.now().toString(36)}${counter.toString(36).padStart(6, "0")}${processTag}`;
}
