// Reads an agent report body: JSON, optionally gzip-compressed, at most 5 MiB AFTER
// decompression, counted while reading so a gzip bomb never reaches memory whole.
import { ApiError } from "./errors";
import { hostileJsonPath, isJsonContentType, parseJson, readLimited } from "./body";
import { reportSchema, type AgentReport } from "../domain/protocol/agent-report";
import { zodIssues } from "./errors";
import type { ZodType } from "zod";

export const DEFAULT_REPORT_LIMIT_BYTES = 5 * 1024 * 1024;

export function reportLimitBytes(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.REPORT_MAX_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_REPORT_LIMIT_BYTES;
}


function decodedStream(request: Request): ReadableStream<Uint8Array> | null {
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return request.body;
  if (encoding === "gzip" || encoding === "x-gzip") {
    return request.body ? request.body.pipeThrough(new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>) : null;
  }
  throw new ApiError(415, "unsupported_media_type", "Content-Encoding must be gzip or none.");
}

/** What an agent sends on one endpoint: its schema, the error code of a body that breaks it, and words for both. */
export type AgentBody<T> = { schema: ZodType<T>; code: string; what: string; broken: string };

/**
 * The one reader of agents' JSON bodies (reports, enforcement reports): content type, gzip, the
 * size limit counted while reading, hostile JSON, then the endpoint's schema. A body that fails
 * any of them is a 400 with the endpoint's code (415 for another content type or encoding).
 */
export async function readAgentBody<T>(request: Request, body: AgentBody<T>, maxBytes = reportLimitBytes()): Promise<T> {
  const invalid = (message: string, issues?: { path: string; message: string }[]) => new ApiError(400, body.code, message, issues);
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new ApiError(415, "unsupported_media_type", `Send the ${body.what} as Content-Type: application/json.`);
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
  const data = parseJson(bytes, body.code);
  const hostile = hostileJsonPath(data);
  if (hostile) throw invalid(body.broken, [hostile]);
  const parsed = body.schema.safeParse(data);
  if (!parsed.success) throw invalid(body.broken, zodIssues(parsed.error));
  return parsed.data;
}

const REPORT_BODY: AgentBody<AgentReport> = { schema: reportSchema, code: "invalid_report", what: "report", broken: "The report does not follow agent protocol v1." };

export function readReport(request: Request, maxBytes = reportLimitBytes()): Promise<AgentReport> {
  return readAgentBody(request, REPORT_BODY, maxBytes);
}
