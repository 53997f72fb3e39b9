// POST /api/feeds (multipart/form-data: `files`, one or more; `device`, the id or MAC an SBOM
// describes) imports vulnerability feeds, all or nothing; GET lists the recent imports.
// Administrators only. Devices are rescored by the background job afterwards.
import { z } from "zod";
import { canImportFeeds } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { hasUnsafeText, readMultipartForm } from "@/lib/web/body";
import { ApiError, badRequest } from "@/lib/web/errors";
import { assertSameOrigin, route } from "@/lib/web/json-gate";
import { listFeedImports } from "@/lib/queries/feeds";
import { findDeviceForSbom, importFeeds, type ImportFile } from "@/lib/vulns/import";

const MAX_BODY_BYTES = 70 * 1024 * 1024;
const MAX_FILES = 500;
const tooLarge = () => new ApiError(413, "payload_too_large", "The upload is larger than 70 MB: import bigger files with npm run vuln:import.");
const deviceField = z.string().trim().max(100).refine((v) => !hasUnsafeText(v), "Control characters are not allowed.").optional();
// File names come from the person's browser: control characters and broken Unicode are replaced,
// since PostgreSQL refuses NUL in text and a terminal would run escape sequences.
const safeName = (name: string) => name.replace(/[\p{Cc}\p{Cs}]/gu, "?").slice(0, 255) || "unnamed";

export const GET = route(async () => {
  await requirePermission(canImportFeeds);
  return Response.json({ imports: await listFeedImports() });
});


async function filesOf(form: FormData): Promise<ImportFile[]> {
  const files = form.getAll("files").filter((f): f is File => typeof f !== "string");
  if (files.length > MAX_FILES) throw badRequest("invalid_request", `Upload at most ${MAX_FILES} files at once.`, [{ path: "files", message: `${files.length} files` }]);
  return Promise.all(files.map(async (f) => ({ name: safeName(f.name), bytes: new Uint8Array(await f.arrayBuffer()) })));
}

export const POST = route(async (request) => {
  assertSameOrigin(request);
  const actor = await requirePermission(canImportFeeds);
  const form = await readMultipartForm(request, MAX_BODY_BYTES, tooLarge, "the files");
  const device = deviceField.safeParse(form.get("device") ?? undefined);
  if (!device.success) throw badRequest("invalid_request", "The device is not valid.", [{ path: "device", message: "An id or MAC of at most 100 characters." }]);
  const db = getDb();
  const deviceId = device.data ? await findDeviceForSbom(db, device.data) : undefined;
  const outcomes = await importFeeds(db, await filesOf(form), { actor, deviceId });
  return Response.json({ outcomes });
});
