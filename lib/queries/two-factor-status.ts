import "server-only";
// A person's second factor as their account page shows it. The pending secret (enrolment
// started, not confirmed) is opened here, for the QR code and the text to type; an enabled
// secret never leaves the server.
import type { Db } from "../db/client";
import { secondFactorEnrolmentRequired } from "../auth/identity-config";
import { isRole } from "../auth/roles";
import { openTotpSecret } from "../auth/second-factor";
import { otpauthUri } from "../auth/totp";

export type TwoFactorStatus = {
  email: string;
  /** Accounts from single sign-on leave the second factor to the identity provider. */
  local: boolean;
  enabledAt: Date | null;
  /** Enrolment started and waiting for a code: the secret and the URI the QR code carries. */
  pending: { secret: string; uri: string } | null;
  recoveryCodesLeft: number;
  /** An administrator who must have one: it cannot be turned off. */
  required: boolean;
};

export async function twoFactorStatus(db: Db, userId: string): Promise<TwoFactorStatus | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, role: true, authSource: true, totpSecret: true, totpEnabledAt: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
  });
  if (!user || !isRole(user.role)) return null;
  const secret = user.totpSecret && !user.totpEnabledAt ? openTotpSecret(user.totpSecret) : null;
  return {
    email: user.email,
    local: user.authSource === "local",
    enabledAt: user.totpEnabledAt,
    pending: secret ? { secret, uri: otpauthUri(secret, user.email) } : null,
    recoveryCodesLeft: user._count.recoveryCodes,
    required: secondFactorEnrolmentRequired({ role: user.role, authSource: user.authSource, totpEnabledAt: null }),
  };
}
