import "server-only";
import { runAction, type ActionResult } from "@/lib/web/action-result";

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
