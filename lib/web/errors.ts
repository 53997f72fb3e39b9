// One error vocabulary for every API answer: { error: { code, message, issues? } }.
// Unknown errors become a generic 500 that leaks nothing; the detail goes to the server log.
import { ZodError } from "zod";
import { log } from "../ops/log";

export type Issue = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, issues?: Issue[]) => new ApiError(400, code, message, issues);
export const unauthorized = (message = "Sign in first.") => new ApiError(401, "unauthorized", message);
export const forbidden = (message = "Your role does not allow this.") => new ApiError(403, "forbidden", message);
export const notFound = (what = "resource") => new ApiError(404, "not_found", `No such ${what}.`);
export const conflict = (message: string) => new ApiError(409, "conflict", message);

export function zodIssues(error: ZodError): Issue[] {
  return error.issues.slice(0, 100).map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

export function errorBody(error: ApiError) {
  return { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return Response.json(errorBody(error), { status: error.status, headers: error.headers });
  }
  log.error("unhandled error", { error: describeError(error) });
  return Response.json({ error: { code: "internal_error", message: "Something went wrong on the server." } }, { status: 500 });
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
