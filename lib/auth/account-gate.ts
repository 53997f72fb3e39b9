// What a signed-in person must do before using the dashboard, and where they are sent meanwhile:
// a password an administrator reset must be changed first, then an administrator who must enrol a
// second factor does so (identity-config.ts). The pages that do these things stay reachable, so
// the gate cannot loop. Pure: the caller passes the path and the environment.
import { secondFactorEnrolmentRequired, type SecondFactorSubject } from "./identity-config";
import { canViewDashboard, type Actor } from "./roles";

export const ACCOUNT_PATH = "/account";
export const TWO_FACTOR_PATH = "/account/two-factor";
export const PASSWORD_CHANGE_REQUIRED = `${ACCOUNT_PATH}?change=required`;

/** The path of the page asked for, as proxy.ts passes it on to the page. */
export const PATH_HEADER = "x-dashboard-path";

export type GateSubject = SecondFactorSubject & { mustChangePassword: boolean };
export type Gate = { to: string; message: string } | null;

const under = (path: string, page: string) => path === page || path.startsWith(`${page}/`);

/**
 * A person's own account (their password, their sessions): everyone signed in, and the one
 * permission that stays open while a reset password must be changed (requirePermission).
 */
export const canManageOwnAccount = (actor: Actor) => canViewDashboard(actor);

/** The pending step for this person, whatever page they asked for (null: none). */
export function pendingStep(user: GateSubject, env: Record<string, string | undefined> = process.env): Gate {
  if (user.mustChangePassword) return { to: PASSWORD_CHANGE_REQUIRED, message: "Your password was reset: choose a new one on your account page before doing anything else." };
  if (secondFactorEnrolmentRequired(user, env)) return { to: TWO_FACTOR_PATH, message: "Administrators must set up a second factor first: see your account page." };
  return null;
}

/** Where a page request must go instead (null: let it through). */
export function pageGate(user: GateSubject, path: string | null, env: Record<string, string | undefined> = process.env): string | null {
  const step = pendingStep(user, env);
  if (!step) return null;
  // The account page is where a password is changed; two-factor enrolment lives beneath it.
  if (path && (path === ACCOUNT_PATH || (step.to === TWO_FACTOR_PATH && under(path, TWO_FACTOR_PATH)))) return null;
  return step.to;
}
