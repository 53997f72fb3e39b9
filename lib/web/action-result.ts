// What a server action answers a form: success, or a message and per-field errors. Unknown
// errors are logged and reported generically, as the API does.
import { headers } from "next/headers";
import { hasUnsafeText } from "./body";
import { ApiError } from "./errors";
import { log } from "../ops/log";

export type ActionResult = { ok: boolean; message?: string; fieldErrors?: Record<string, string> };

/** A form field's text as sent ("" when absent or a file), for the commands to validate. */
export const formText = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** A form field's text trimmed, or undefined when blank (an optional reason, filter or date). */
export const formOptional = (form: FormData, name: string): string | undefined => formText(form, name).trim() || undefined;

const CROSS_SITE: ActionResult = { ok: false, message: "This request must come from the dashboard itself." };

/** The request's headers; null when the action is called in-process with no request at all (a script, a test), which no browser can forge. */
async function requestHeaders(): Promise<Headers | null> {
  try {
    return await headers();
  } catch (error) {
    if (error instanceof Error && /outside a request scope/.test(error.message)) return null;
    throw error;
  }
}

/**
 * CSRF: an action runs only for a request whose Origin names this dashboard. Next.js compares
 * Origin with Host itself, but lets a request without Origin through; browsers always send
 * Origin on a POST, so its absence means something other than our own pages.
 */
async function isSameOrigin(): Promise<boolean> {
  const h = await requestHeaders();
  if (!h) return true;
  const host = h.get("x-forwarded-host") ?? h.get("host");
  const origin = h.get("origin");
  if (host && origin && URL.canParse(origin) && new URL(origin).host === host) return true;
  log.warn("server action refused: Origin missing or not this dashboard", { origin: origin?.slice(0, 200) ?? null, host });
  return false;
}

/**
 * Runs an action for a form. The request must come from the dashboard's own pages (same-origin
 * Origin). Every field is screened first, as JSON bodies are (lib/web/body): control characters
 * and broken Unicode are refused here, once, for every action, because PostgreSQL refuses NUL
 * outright and the rest only serve to forge what people read.
 */
export async function runAction(form: FormData, work: () => Promise<string>): Promise<ActionResult> {
  if (!(await isSameOrigin())) return CROSS_SITE;
  const unsafe = [...form.entries()].find(([key, value]) => hasUnsafeText(key) || (typeof value === "string" && hasUnsafeText(value)));
  if (unsafe) {
    const field = hasUnsafeText(unsafe[0]) ? "form" : unsafe[0];
    return { ok: false, message: "Some fields are not valid.", fieldErrors: { [field]: "Control characters are not allowed." } };
  }
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

/**
 * A form's action whose work makes a secret (an agent's token, an API key): `make` checks the
 * person's permission, makes it, and answers the message and what the form shows this once (the
 * secret and whose it is). A refused or failed action answers the message alone.
 */
export async function runSecretAction<S extends Record<string, string>>(form: FormData, make: () => Promise<{ message: string; shown: S }>): Promise<ActionResult & Partial<S>> {
  let shown: Partial<S> = {};
  const result = await runAction(form, async () => {
    const made = await make();
    shown = made.shown;
    return made.message;
  });
  return { ...result, ...shown };
}
