// One uploaded feed file, before it is recognised: decompressed within a bound (a gzip bomb is
// refused, not inflated), decoded as strict UTF-8, and the one way a file is refused by name.
import { gunzipSync } from "node:zlib";
import type { Issue } from "../web/errors";

const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;

export class FileProblem extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues[0]?.message);
  }
}
export const problem = (file: string, message: string, path = "") => new FileProblem([{ path: path ? `${file}: ${path}` : file, message }]);

export function gunzipIfNeeded(file: string, bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_UNZIPPED_BYTES });
  } catch (error) {
    throw problem(file, `cannot be decompressed (${error instanceof RangeError ? `larger than ${MAX_UNZIPPED_BYTES / 2 ** 20} MB unzipped` : "corrupt gzip"})`);
  }
}

export function decode(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw problem(file, "is not UTF-8 text");
  }
}
