// Reads an agent report body: JSON, optionally gzip-compressed, at most 5 MiB AFTER
// decompression, counted while reading so a gzip bomb never reaches memory whole.
import { ApiError } from "./errors";
import { hostileJsonPath, isJsonContentType, parseJson, readLimited } from "./body";
import { reportSchema, type AgentReport } from "../domain/protocol/agent-report";
import { zodIssues } from "./errors";

export const DEFAULT_REPORT_LIMIT_BYTES = 5 * 1024 * 1024;

export function reportLimitBytes(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.REPORT_MAX_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_REPORT_LIMIT_BYTES;
}

const invalid = (message: string, issues?: { path: string; message: string }[]) => new ApiError(400, "invalid_report", message, issues);

function decodedStream(request: Request): ReadableStream<Uint8Array> | null {
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return request.body;
  if (encoding === "gzip" || encoding === "x-gzip") {
    return request.body ? request.body.pipeThrough(new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>) : null;
  }
  throw new ApiError(415, "unsupported_media_type", "Content-Encoding must be gzip or none.");
}

export async function readReport(request: Request, maxBytes = reportLimitBytes()): Promise<AgentReport> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new ApiError(415, "unsupported_media_type", "Send the report as Content-Type: application/json.");
  }
  let bytes: Uint8Array;
  try {
    bytes = await readLimited(decodedStream(request), maxBytes);
  } catch (error) {
    // The protocol's answer to a body that never completes is the malformed-body one (400).
    if (error instanceof ApiError && error.status === 408) throw invalid(error.message);
    if (error instanceof ApiError) throw error;
    // A corrupt gzip stream surfaces as a TypeError from the decompressor.
    throw invalid("The body could not be decompressed as gzip.");
  }
  const data = parseJson(bytes, "invalid_report");
  const hostile = hostileJsonPath(data);
  if (hostile) throw invalid("The report does not follow agent protocol v1.", [hostile]);
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) throw invalid("The report does not follow agent protocol v1.", zodIssues(parsed.error));
  return parsed.data;
}
