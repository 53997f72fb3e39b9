// Sites and segments as administrators correct them (Settings → Sites and segments): a site's
// name and learning period, a segment's label, its exposure class (the risk model's exposure factor) and the site it is
// in. Each change is validated, made in one transaction with its audit row, and only when it
// changes something. A new exposure class or site marks the segment's devices stale, and the
// background risk refresh rescores them within seconds. Agents keep finding a segment by the site
// and name they report (Segment.reportedSiteId, Segment.name), so renames and moves never split it.
import { z } from "zod";
import { actorLabel, audit, type AuditActor } from "../db/audit-trail";
import type { Db, Prisma } from "../db/client";
import { isUniqueViolation } from "../db/conflicts";
import { EXPOSURES } from "../domain/words/vocabulary";
import { hasUnsafeText } from "../web/body";
import { badRequest, conflict, notFound, zodIssues } from "../web/errors";

const NAME_MAX = 120;
const name = z
  .string()
  .trim()
  .min(1, "Give it a name.")
  .max(NAME_MAX, `At most ${NAME_MAX} characters.`)
  .refine((t) => !hasUnsafeText(t) && !/[\r\n\t]/.test(t), "Control characters and line breaks are not allowed.");

export const siteRenameSchema = z.object({ name });
/** An empty (or blank) label gives the segment back the name its agents report. */
export const segmentLabelSchema = z.object({ label: z.preprocess((v) => (typeof v === "string" && !v.trim() ? null : v), name.nullable()) });
export const segmentExposureSchema = z.object({ exposure: z.enum(EXPOSURES, { error: `One of: ${EXPOSURES.join(", ")}.` }) });
export const segmentMoveSchema = z.object({ siteId: z.string().min(1, "Choose a site.").max(64) });

function parse<T extends z.ZodType>(schema: T, input: unknown, code: string, message: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest(code, message, zodIssues(parsed.error));
  return parsed.data;
}

type Tx = Prisma.TransactionClient;
const SEGMENT = { id: true, name: true, label: true, siteId: true, exposure: true, exposureSource: true, exposureSetBy: true, exposureSetAt: true, site: { select: { name: true } } } as const;

async function segmentOrThrow(tx: Tx, id: string) {
  const segment = await tx.segment.findUnique({ where: { id: id.slice(0, 64) }, select: SEGMENT });
  if (!segment) throw notFound("segment");
  return segment;
}

/** Marks the segment's devices for the risk refresh (and moves them with it); how many. */
async function restaleDevices(tx: Tx, segmentId: string, siteId?: string): Promise<number> {
  const { count } = await tx.device.updateMany({ where: { segmentId }, data: { riskStale: true, ...(siteId ? { siteId } : {}) } });
  return count;
}

export async function renameSite(db: Db, id: string, input: unknown, actor: AuditActor) {
  const p = parse(siteRenameSchema, input, "invalid_site", "The site's name is not valid.");
  const taken = () => conflict(`A site named "${p.name}" already exists: choose another name.`);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.site.findUnique({ where: { id: id.slice(0, 64) }, select: { id: true, name: true } });
      if (!before) throw notFound("site");
      if (before.name === p.name) return { changed: false, site: before };
      const other = await tx.site.findUnique({ where: { name: p.name }, select: { id: true } });
      if (other) throw taken();
      const site = await tx.site.update({ where: { id: before.id }, data: { name: p.name }, select: { id: true, name: true } });
      await audit(tx, { actor, action: "site.rename", targetType: "site", targetId: site.id, before: { name: before.name }, after: { name: site.name } });
      return { changed: true, site };
    });
  } catch (error) {
    // Two people giving two sites the same name at the same moment: the second is told so.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

/** The administrator's name for a segment; agents keep reporting it under its own name. */
export async function renameSegment(db: Db, id: string, input: unknown, actor: AuditActor) {
  const p = parse(segmentLabelSchema, input, "invalid_segment", "The segment's name is not valid.");
  return db.$transaction(async (tx) => {
    const before = await segmentOrThrow(tx, id);
    // A label equal to the reported name is no label.
    const label = p.label === before.name ? null : p.label;
    if (label === before.label) return { changed: false, segment: before };
    const segment = await tx.segment.update({ where: { id: before.id }, data: { label }, select: SEGMENT });
    await audit(tx, { actor, action: "segment.rename", targetType: "segment", targetId: before.id, before: { label: before.label, reportedName: before.name }, after: { label, reportedName: before.name } });
    return { changed: true, segment };
  });
}

/**
 * Sets a segment's exposure class, recording who set it and when. Confirming a guessed class
 * records the person too (the score stays, its explanation now names them); a class already set
 * to the same value is no change.
 */
export async function setSegmentExposure(db: Db, id: string, input: unknown, actor: AuditActor, at = new Date()) {
  const p = parse(segmentExposureSchema, input, "invalid_segment", "Choose one of the five exposure classes.");
  return db.$transaction(async (tx) => {
    const before = await segmentOrThrow(tx, id);
    if (before.exposure === p.exposure && before.exposureSource === "set") return { changed: false, segment: before, devicesToRescore: 0 };
    const segment = await tx.segment.update({ where: { id: before.id }, data: { exposure: p.exposure, exposureSource: "set", exposureSetBy: actorLabel(actor), exposureSetAt: at }, select: SEGMENT });
    // Even a confirmed guess is rescored: the breakdown names who set the class (device-score.ts).
    const devicesToRescore = await restaleDevices(tx, before.id);
    await audit(tx, {
      actor, action: "segment.exposure", targetType: "segment", targetId: before.id,
      before: { exposure: before.exposure, source: before.exposureSource, setBy: before.exposureSetBy, setAt: before.exposureSetAt?.toISOString() ?? null },
      after: { exposure: p.exposure, source: "set", setBy: actorLabel(actor), setAt: at.toISOString(), devicesToRescore },
    });
    return { changed: true, segment, devicesToRescore };
  });
}

/** Moves a segment to another site; its devices follow it, now and on every later report. */
export async function moveSegment(db: Db, id: string, input: unknown, actor: AuditActor) {
  const p = parse(segmentMoveSchema, input, "invalid_segment", "Choose the site to move the segment to.");
  try {
    return await db.$transaction(async (tx) => {
      const before = await segmentOrThrow(tx, id);
      const site = await tx.site.findUnique({ where: { id: p.siteId }, select: { id: true, name: true } });
      if (!site) throw notFound("site");
      if (before.siteId === site.id) return { changed: false, segment: before, devicesToRescore: 0 };
      if (await tx.segment.findUnique({ where: { siteId_name: { siteId: site.id, name: before.name } }, select: { id: true } })) throw sameName(site.name, before.name);
      const segment = await tx.segment.update({ where: { id: before.id }, data: { siteId: site.id }, select: SEGMENT });
      const devicesToRescore = await restaleDevices(tx, before.id, site.id);
      await audit(tx, {
        actor, action: "segment.move", targetType: "segment", targetId: before.id,
        before: { siteId: before.siteId, site: before.site.name }, after: { siteId: site.id, site: site.name, devicesMoved: devicesToRescore },
      });
      return { changed: true, segment, devicesToRescore };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("Another segment of the same name was just added to that site: reload and try again.");
    throw error;
  }
}

const sameName = (site: string, segment: string) =>
  conflict(`${site} already has a segment reported as "${segment}", and a site cannot hold two segments of the same reported name.`);

/** A learning period is at most this long: long enough for a first inventory, not a way to silence alerts for good. */
export const MAX_LEARNING_DAYS = 90;
/** 0 turns the learning period off; 1 to 90 days start (or restart) it from now. */
export const siteLearningSchema = z.object({ days: z.coerce.number({ error: "Give a number of days." }).int("Whole days only.").min(0).max(MAX_LEARNING_DAYS, `At most ${MAX_LEARNING_DAYS} days.`) });

/**
 * Starts, restarts or ends a site's learning period: until it ends, new devices at the site are
 * inventoried without a "new device" alert each (unauthorized and spoof alerts still fire).
 */
export async function setSiteLearning(db: Db, id: string, input: unknown, actor: AuditActor, now = new Date()) {
  const p = parse(siteLearningSchema, input, "invalid_learning", `A learning period is 0 (off) to ${MAX_LEARNING_DAYS} days.`);
  return db.$transaction(async (tx) => {
    const before = await tx.site.findUnique({ where: { id: id.slice(0, 64) }, select: { id: true, name: true, learningUntil: true } });
    if (!before) throw notFound("site");
    const learningUntil = p.days ? new Date(now.getTime() + p.days * 86_400_000) : null;
    const wasLearning = !!before.learningUntil && before.learningUntil > now;
    if (!learningUntil && !wasLearning) return { changed: false, site: before };
    const site = await tx.site.update({ where: { id: before.id }, data: { learningUntil }, select: { id: true, name: true, learningUntil: true } });
    await audit(tx, {
      actor, action: "site.learning", targetType: "site", targetId: site.id,
      before: { learningUntil: wasLearning ? before.learningUntil!.toISOString() : null }, after: { learningUntil: learningUntil?.toISOString() ?? null, days: p.days },
    });
    return { changed: true, site };
  });
}
