// How strong a new local password must be: at least 12 characters, and not guessable by a
// cracker's estimate (zxcvbn-ts score 3 of 4: "safely unguessable", about 10^8 guesses or more).
// The estimator also knows the person's e-mail and name and the product's own words, so the
// person's own name is no better than a dictionary word. Pure: no framework or database import.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

export const MIN_PASSWORD_LENGTH = 12;
export const MIN_PASSWORD_SCORE = 3;

/** Words an attacker would try first against this dashboard. */
const PRODUCT_WORDS = ["iomt", "risk", "dashboard", "hospital", "device", "infusion", "pump", "medical", "admin", "password"];

let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
}

export type PasswordVerdict = { ok: true } | { ok: false; message: string };

/** The parts of an e-mail and name a guesser would try (alice.smith@hospital.org → alice, smith, hospital…). */
function personalWords(person: { email?: string | null; name?: string | null }): string[] {
  return [person.email ?? "", person.name ?? ""].flatMap((s) => s.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w.length >= 3);
}

/** Is this a strong enough password for this person? When not, says why in the estimator's words. */
export function checkPasswordStrength(password: string, person: { email?: string | null; name?: string | null } = {}): PasswordVerdict {
  if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, message: `Passwords have at least ${MIN_PASSWORD_LENGTH} characters.` };
  // The estimator's cost grows with length; beyond 100 characters the first 100 decide.
  const result = zxcvbn().check(password.slice(0, 100), [...PRODUCT_WORDS, ...personalWords(person)]);
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true };
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(" ");
  return { ok: false, message: `This password is too easy to guess.${why ? ` ${why}` : ""}` };
}
