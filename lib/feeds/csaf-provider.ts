// New CISA medical advisories from a CSAF provider's directory: changes.csv (conditional), the
// ICSMA entries changed since the cursor, each file checked against its published SHA-512. Any
// file that cannot be fetched or does not match its digest fails the whole run: nothing is
// imported and the cursor stays, so the next run tries the same files again.
import { createHash } from "node:crypto";
import type { ImportFile } from "../vulns/import";
import { download, DownloadError, type DownloadLimits, type Validators } from "./download";
import { entryUrl, isMedicalAdvisory, parseChangesCsv, parseSha512, takeBatch } from "./csaf-directory";

/** Files taken per run; the first run over CISA's whole history takes several runs. */
export const CSAF_FILES_PER_RUN = 500;
const SHA512_MAX_BYTES = 4096;
const CHANGES_MAX_BYTES = 16 * 2 ** 20;

export type CsafFetch =
  | { status: "not-modified" }
  | { status: "ok"; files: ImportFile[]; cursor: string | null; remaining: number; listed: number; validators: Validators | null };

export type CsafOptions = { limits: DownloadLimits; validators?: Validators; cursor: string | null; maxFiles?: number };

async function fetchVerified(url: string, name: string, limits: DownloadLimits): Promise<ImportFile> {
  const [file, digest] = await Promise.all([download(url, limits), download(`${url}.sha512`, { ...limits, maxBytes: SHA512_MAX_BYTES })]);
  if (file.status !== "ok" || digest.status !== "ok") throw new DownloadError(`${name}: the server answered 304 to a plain request`);
  const published = parseSha512(new TextDecoder().decode(digest.bytes));
  if (!published) throw new DownloadError(`${name}.sha512: does not hold a SHA-512 digest`);
  const actual = createHash("sha512").update(file.bytes).digest("hex");
  if (actual !== published) throw new DownloadError(`${name}: checksum mismatch (SHA-512 is ${actual.slice(0, 16)}…, ${name}.sha512 says ${published.slice(0, 16)}…); nothing was imported`);
  return { name, bytes: file.bytes };
}

/** Downloads and verifies what changed since `cursor`. Throws DownloadError (or Error for a bad changes.csv). */
export async function fetchCsafChanges(directoryUrl: string, options: CsafOptions): Promise<CsafFetch> {
  const dir = directoryUrl.endsWith("/") ? directoryUrl : `${directoryUrl}/`;
  const changes = await download(`${dir}changes.csv`, { ...options.limits, maxBytes: CHANGES_MAX_BYTES }, options.validators);
  if (changes.status === "not-modified") return { status: "not-modified" };
  const entries = parseChangesCsv(new TextDecoder().decode(changes.bytes)).filter((e) => isMedicalAdvisory(e.path));
  const { batch, remaining } = takeBatch(entries, options.cursor, options.maxFiles ?? CSAF_FILES_PER_RUN);
  const urls = batch.map((e) => {
    const url = entryUrl(dir, e.path);
    if (!url) throw new DownloadError(`changes.csv: "${e.path.slice(0, 200)}" points outside the CSAF directory`);
    return { url, name: e.path };
  });
  const files: ImportFile[] = [];
  // A few at a time: polite to the provider, quick enough for hundreds of files.
  for (let i = 0; i < urls.length; i += 4) {
    files.push(...(await Promise.all(urls.slice(i, i + 4).map((u) => fetchVerified(u.url, u.name, options.limits)))));
  }
  const cursor = batch.length ? batch[batch.length - 1].timestamp : options.cursor;
  // While files remain, changes.csv's validators are not kept: the next run must read it again.
  return { status: "ok", files, cursor, remaining, listed: entries.length, validators: remaining ? null : changes.validators };
}
