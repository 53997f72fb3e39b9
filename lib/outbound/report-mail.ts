// Delivering the scheduled report's PDF: by e-mail through the configured SMTP server
// (nodemailer), or written into a folder. The folder write is atomic: a temporary file in the
// same folder, renamed into place, so a reader never sees half a PDF. Failures come back in words.
import { constants } from "node:fs";
import { access, rename, stat, unlink, writeFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import type { StoredSmtp } from "../domain/integrations/scheduled-report";
import { openSmtpPassword } from "./report-settings";

export type ReportMail = { to: string[]; subject: string; text: string; fileName: string; pdf: Buffer };

const SMTP_TIMEOUT_MS = 20_000;

/** "The SMTP server refused the sign-in (535 …)": what went wrong, for the person who set it up; never the password. */
export function smtpErrorWords(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const detail = (e.response ?? e.message ?? String(error)).replace(/\s+/g, " ").slice(0, 200);
  if (e.code === "EAUTH") return `The SMTP server refused the sign-in: ${detail}`;
  if (e.code === "ECONNREFUSED" || e.code === "ECONNECTION" || /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH/.test(detail)) return `Could not connect to the SMTP server: ${detail}`;
  if (e.code === "ETIMEDOUT" || e.code === "ETIMEOUT") return `The SMTP server did not answer in time: ${detail}`;
  if (e.code === "EENVELOPE") return `The SMTP server refused a sender or recipient: ${detail}`;
  if (e.code === "ESOCKET" || e.code === "ETLS") return `The connection to the SMTP server failed (TLS or network): ${detail}`;
  return `Sending failed${e.responseCode ? ` (SMTP ${e.responseCode})` : ""}: ${detail}`;
}

export async function sendReportMail(smtp: StoredSmtp, mail: ReportMail): Promise<string> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === "tls",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "none",
    auth: smtp.user ? { user: smtp.user, pass: smtp.passwordSealed ? openSmtpPassword(smtp.passwordSealed) : "" } : undefined,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  try {
    const info = await transport.sendMail({
      from: smtp.from, to: mail.to, subject: mail.subject, text: mail.text,
      attachments: [{ filename: mail.fileName, content: mail.pdf, contentType: "application/pdf" }],
    });
    return `Sent to ${mail.to.join(", ")} (${String(info.response ?? "accepted").slice(0, 120)}).`;
  } finally {
    transport.close();
  }
}

/** Why a folder cannot take the report, or null when it can (absolute, a directory, writable). */
export async function folderProblem(folder: string): Promise<string | null> {
  if (!isAbsolute(folder)) return "The folder must be an absolute path (starting with /).";
  try {
    if (!(await stat(folder)).isDirectory()) return "That path is not a folder.";
    await access(folder, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === "ENOENT" ? "That folder does not exist." : "The dashboard may not write into that folder.";
  }
}

export async function writeReportFile(folder: string, fileName: string, pdf: Buffer): Promise<string> {
  const problem = await folderProblem(folder);
  if (problem) throw new Error(problem);
  const target = join(folder, fileName);
  const temporary = join(folder, `.${fileName}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, pdf, { mode: 0o640 });
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return `Written to ${target}.`;
}
