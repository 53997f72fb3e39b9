// What a server action answers a form: success, or a message and per-field errors. Unknown
// errors are logged and reported generically, as the API does.
import { ApiError } from "../http/errors";
import { log } from "../log";

export type ActionResult = { ok: boolean; message?: string; fieldErrors?: Record<string, string> };

export async function runAction(work: () => Promise<string>): Promise<ActionResult> {
  try {
    return { ok: true, message: await work() };
  } catch (error) {
    if (error instanceof ApiError) {
      const fieldErrors = Object.fromEntries((error.issues ?? []).map((i) => [i.path, i.message]));
      return { ok: false, message: error.message, fieldErrors };
    }
    // Next's own control flow (redirect, forbidden) must pass through.
    if (error instanceof Error && "digest" in error) throw error;
    log.error("server action failed", { error: String(error) });
    return { ok: false, message: "Something went wrong on the server." };
  }
}
