// Structured logs: one JSON object per line on stderr ({time, level, msg, ...fields}), so journald
// or any log shipper can read them and stdout stays free for --dry-run's report. The agent token
// is registered as a secret and masked wherever it would appear, whatever field carries it.
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Field names that hold credentials are never written, even if a caller passes one by mistake.
const SECRET_FIELDS = /^(token|authorization|password|authKey|privKey|community)$/i;
const MASK = "[redacted]";

type LoggerOptions = { level?: LogLevel; secrets?: string[]; write?: (line: string) => void; now?: () => Date };

/** A logger writing JSON lines; `secrets` are replaced by "[redacted]" in every line. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = RANK[options.level ?? "info"];
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());

  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (RANK[level] < min) return;
    const safe = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, SECRET_FIELDS.test(k) ? MASK : describe(v)]));
    let line = JSON.stringify({ time: now().toISOString(), level, msg, ...safe });
    for (const secret of secrets) line = line.split(secret).join(MASK);
    write(`${line}\n`);
  };
  return {
    debug: (msg, fields) => emit("debug", msg, fields),
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
  };
}

/** Errors do not serialise to JSON on their own: keep their message (and code, for system errors). */
function describe(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const code = (value as NodeJS.ErrnoException).code;
  const cause = value.cause instanceof Error ? `: ${value.cause.message}` : "";
  return code ? `${value.message}${cause} (${code})` : `${value.message}${cause}`;
}

/** A logger that discards everything (tests, and --dry-run's inner parts). */
export const silentLogger: Logger = createLogger({ write: () => {} });
