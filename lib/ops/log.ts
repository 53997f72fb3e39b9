// Structured logs: one JSON object per line on stderr (level, time, msg, fields), for a log
// shipper to index. Secrets never reach a log line: fields whose names say they hold one, and
// any value shaped like an agent token or API key, are replaced before writing.
type Level = "debug" | "info" | "warn" | "error";
export type Fields = Record<string, unknown>;

const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|hash/i;
// Agent tokens carry a recognisable prefix and 43 random characters (lib/commands/agent-enrolment.ts).
const SECRET_VALUE = /\b(?:iomt|iomtk)_[A-Za-z0-9_-]{40,}/g;
const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const wanted = (process.env.LOG_LEVEL ?? "info") as Level;
  return LEVELS[wanted] ?? LEVELS.info;
}

/** A copy of the fields with secrets replaced, at any depth (bounded). */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replace(SECRET_VALUE, "[redacted]");
  if (value instanceof Error) return redact(`${value.name}: ${value.message}`, depth);
  if (!value || typeof value !== "object" || depth > 6) return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1)]));
}

function write(level: Level, msg: string, fields: Fields = {}) {
  if (LEVELS[level] < threshold()) return;
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg: redact(msg), ...(redact(fields) as Fields) })}\n`);
}

export const log = {
  debug: (msg: string, fields?: Fields) => write("debug", msg, fields),
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};
