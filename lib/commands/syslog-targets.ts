// Settings → Integrations → Syslog: the SIEM receivers alerts and audit events are sent to. Each
// change audited. A target with delivery history is disabled, never deleted, so the log of what
// was sent where keeps its destination.
import { X509Certificate } from "node:crypto";
import net from "node:net";
import { z } from "zod";
import { actorUserId, audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { ALERT_SEVERITIES } from "../domain/words/alert-kinds";
import { badRequest, conflict, notFound, zodIssues } from "../web/errors";

export const SYSLOG_TRANSPORTS = ["udp", "tcp", "tls"] as const;
export const SYSLOG_FORMATS = ["cef", "json"] as const;
export const CA_PEM_MAX = 16 * 1024;
export const MAX_SYSLOG_TARGETS = 50;

const HOST_NAME = /^(?=.{1,253}$)(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate in the PEM parses; a private key pasted by mistake is refused, not stored. */
function caPemProblem(pem: string): string | null {
  if (/PRIVATE KEY-----/.test(pem)) return "This is a private key: paste the CA's certificate, never a key.";
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) return "Paste the CA certificate in PEM (-----BEGIN CERTIFICATE-----).";
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      return "A certificate in the PEM could not be read.";
    }
  }
  return null;
}

const targetFields = z
  .object({
    name: z.string().trim().min(1, "Give the target a name.").max(100, "At most 100 characters."),
    host: z
      .string()
      .trim()
      .min(1, "Enter the receiver's host name or address.")
      .max(253, "At most 253 characters.")
      .refine((h) => net.isIP(h) !== 0 || HOST_NAME.test(h), "Enter a host name or an IP address."),
    port: z.coerce.number().int("A whole number.").min(1, "Port 1 to 65535.").max(65535, "Port 1 to 65535."),
    transport: z.enum(SYSLOG_TRANSPORTS, { message: "Transport is UDP, TCP or TLS." }),
    format: z.enum(SYSLOG_FORMATS, { message: "Format is CEF or JSON." }),
    events: z.object({ alerts: z.boolean(), audit: z.boolean() }).strict(),
    minSeverity: z.enum(ALERT_SEVERITIES, { message: `Minimum severity is one of ${ALERT_SEVERITIES.join(", ")}.` }),
    caPem: z
      .string()
      .max(CA_PEM_MAX, "At most 16 KiB of PEM.")
      .nullish()
      .transform((v) => (v && v.trim() !== "" ? v.trim() : null)),
  })
  .superRefine((t, ctx) => {
    if (!t.events.alerts && !t.events.audit) ctx.addIssue({ code: "custom", path: ["events"], message: "Choose alerts, audit events or both." });
    if (t.caPem && t.transport !== "tls") ctx.addIssue({ code: "custom", path: ["caPem"], message: "A CA applies to TLS only." });
    const problem = t.caPem && t.transport === "tls" ? caPemProblem(t.caPem) : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["caPem"], message: problem });
  });

export type SyslogTargetInput = z.input<typeof targetFields>;

const idSchema = z.object({ id: z.string().min(1).max(64) });
const editSchema = z.intersection(idSchema, targetFields);
const enableSchema = z.object({ id: z.string().min(1).max(64), enabled: z.boolean() });

function fingerprintOf(pem: string): string | null {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return null;
  }
}

/** What the audit log keeps of a target: its settings, with the CA as its fingerprint only. */
function auditShape(t: { name: string; host: string; port: number; transport: string; format: string; events: unknown; minSeverity: string; caPem: string | null; enabled?: boolean }) {
  const caFingerprint = t.caPem ? fingerprintOf(t.caPem) : null;
  return { name: t.name, host: t.host, port: t.port, transport: t.transport, format: t.format, events: t.events as { alerts: boolean; audit: boolean }, minSeverity: t.minSeverity, caFingerprint, ...(t.enabled === undefined ? {} : { enabled: t.enabled }) };
}

function parse<T>(schema: z.ZodType<T>, input: unknown, message: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_syslog_target", message, zodIssues(parsed.error));
  return parsed.data;
}

async function assertNameFree(db: Db, name: string, exceptId?: string) {
  const same = await db.syslogTarget.findUnique({ where: { name }, select: { id: true } });
  if (same && same.id !== exceptId) throw conflict(`A syslog target named ${name} exists already.`);
}


export async function createSyslogTarget(db: Db, input: unknown, actor: AuditActor) {
  const data = parse(targetFields, input, "The syslog target could not be added.");
  await assertNameFree(db, data.name);
  if ((await db.syslogTarget.count()) >= MAX_SYSLOG_TARGETS) throw conflict(`At most ${MAX_SYSLOG_TARGETS} syslog targets.`);
  return db.$transaction(async (tx) => {
    const target = await tx.syslogTarget.create({ data: { ...data, createdById: actorUserId(actor) } });
    await audit(tx, { actor, action: "syslog_target.create", targetType: "syslog_target", targetId: target.id, after: auditShape(target) });
    return target;
  });
}

/** New settings apply to every message not yet delivered, including those waiting to be retried. */
export async function editSyslogTarget(db: Db, input: unknown, actor: AuditActor) {
  const { id, ...data } = parse(editSchema, input, "The syslog target could not be saved.");
  const before = await db.syslogTarget.findUnique({ where: { id } });
  if (!before) throw notFound("syslog target");
  await assertNameFree(db, data.name, id);
  return db.$transaction(async (tx) => {
    const target = await tx.syslogTarget.update({ where: { id }, data });
    await audit(tx, { actor, action: "syslog_target.edit", targetType: "syslog_target", targetId: id, before: auditShape(before), after: auditShape(target) });
    return target;
  });
}

/** A disabled target receives nothing new; what is queued for it stays, and goes once enabled. */
export async function setSyslogTargetEnabled(db: Db, input: unknown, actor: AuditActor) {
  const { id, enabled } = parse(enableSchema, input, "No such syslog target.");
  const before = await db.syslogTarget.findUnique({ where: { id }, select: { id: true, name: true, enabled: true } });
  if (!before) throw notFound("syslog target");
  return db.$transaction(async (tx) => {
    const target = await tx.syslogTarget.update({ where: { id }, data: { enabled } });
    await audit(tx, { actor, action: enabled ? "syslog_target.enable" : "syslog_target.disable", targetType: "syslog_target", targetId: id, before: { name: before.name, enabled: before.enabled }, after: { name: target.name, enabled } });
    return target;
  });
}

/** Only a target nothing was ever queued for can go; one with history is disabled instead. */
export async function deleteSyslogTarget(db: Db, input: unknown, actor: AuditActor) {
  const { id } = parse(idSchema, input, "No such syslog target.");
  const target = await db.syslogTarget.findUnique({ where: { id } });
  if (!target) throw notFound("syslog target");
  return db.$transaction(async (tx) => {
    // Counted inside the transaction, so a message queued meanwhile makes the delete fail (the
    // foreign key) rather than orphan the log.
    if ((await tx.outboundMessage.count({ where: { syslogTargetId: id } })) > 0) {
      throw conflict(`${target.name} has delivery history: disable it instead, so the log keeps where each message went.`);
    }
    await tx.syslogTarget.delete({ where: { id } });
    await audit(tx, { actor, action: "syslog_target.delete", targetType: "syslog_target", targetId: id, before: auditShape(target) });
    return target;
  });
}
