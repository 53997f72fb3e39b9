// The demo hospital's planned firmware update (issue 17): its BD Alaris 8015 pumps at 12.1.3,
// which ICSMA-23-194-01 names as affected, planned to 12.1.4 by a clinical engineer and approved
// by a security analyst, with a window that opens at once and closes a quarter of an hour later.
// The simulator plays the pumps (lib/tools/simulator/planned-update.ts): most verify, one stays on
// 12.1.3 and fails with its retry task when the window closes, and a pump outside the plan is
// downgraded with no plan at all.
import { generatePassword } from "../lib/auth/password";
import type { Role } from "../lib/auth/roles";
import { decidePlan, planChange, resolveSelection } from "../lib/commands/change-plans";
import { createUser } from "../lib/commands/user-accounts";
import type { Db } from "../lib/db/client";
import { isTimeZone, localInput } from "../lib/domain/changes/change-window";
import { PLANNED_UPDATE, SPREAD_ROUNDS, type UpdateOptions } from "../lib/tools/simulator/planned-update";
import { suggestAdvisories } from "../lib/vulns/change-preview";

export const DEMO_PLAN_TITLE = `Alaris 8015 pumps to ${PLANNED_UPDATE.target} (${PLANNED_UPDATE.advisoryId})`;
const WINDOW_MINUTES = 15;
const SELECTION = { kind: "filter", vendor: PLANNED_UPDATE.vendor, model: PLANNED_UPDATE.model, firmware: PLANNED_UPDATE.firmware } as const;
// Nobody signs in as these two (their passwords are thrown away): they are the names on the plan.
const PEOPLE = {
  engineer: { email: "demo-engineer@example.invalid", name: "Demo clinical engineer" },
  analyst: { email: "demo-analyst@example.invalid", name: "Demo security analyst" },
} as const;
const MAX_SCORING_WAIT_MS = 120_000;

/**
 * The update's rounds in this run. The first time, round 0 reports the pumps on 12.1.3, the plan
 * is made after it with a window starting that minute, and the pumps update from round 1. Once a
 * run has made the plan, later runs report the outcome from their first snapshot: a pump put back
 * on 12.1.3 by a re-run would be a downgrade nobody planned.
 */
export async function demoUpdate(db: Db): Promise<UpdateOptions> {
  const planned = await db.changePlan.findFirst({ where: { title: DEMO_PLAN_TITLE }, select: { id: true } });
  return { scenario: "planned-update", fromRound: planned ? -(SPREAD_ROUNDS + 1) : 1 };
}

async function demoPerson(db: Db, role: Extract<Role, "engineer" | "analyst">) {
  const who = PEOPLE[role];
  const existing = await db.user.findUnique({ where: { email: who.email }, select: { id: true, email: true } });
  const user = existing ?? (await createUser(db, { ...who, role, password: generatePassword() }, { system: "demo" }));
  return { id: user.id, email: user.email, role };
}

/** The plan's preview is the risk model's: wait until the risk refresh has matched and scored the pumps just reported. */
async function waitForScores(db: Db) {
  const until = Date.now() + MAX_SCORING_WAIT_MS;
  while ((await db.device.count({ where: { riskStale: true } })) > 0) {
    if (Date.now() > until) throw new Error("the risk refresh did not score the demo devices within 2 minutes");
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** The machine's time zone, as a hospital's ward would give its window in. */
function demoTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : "UTC";
}

/** The advisories the pumps match whose fixed versions include the target, as the plan form suggests them. */
async function advisoriesClosed(db: Db, deviceIds: string[]): Promise<string[]> {
  const { advisories } = await suggestAdvisories(db, deviceIds);
  const closed = advisories.filter((a) => a.fixedVersions.includes(PLANNED_UPDATE.target)).map((a) => a.advisoryId);
  return closed.length ? closed : advisories.map((a) => a.advisoryId);
}

/** Plans and approves the demo update (once: a later run finds it); says what it did. */
export async function planDemoUpdate(db: Db, now = new Date()): Promise<string> {
  if ((await demoUpdate(db)).fromRound < 0) return `change plan "${DEMO_PLAN_TITLE}": made by an earlier run (see /changes)`;
  await waitForScores(db);
  const engineer = await demoPerson(db, "engineer");
  const analyst = await demoPerson(db, "analyst");
  const timeZone = demoTimeZone();
  const plan = await planChange(db, {
    title: DEMO_PLAN_TITLE,
    targetVersion: PLANNED_UPDATE.target,
    window: { start: localInput(now, timeZone), end: localInput(new Date(now.getTime() + WINDOW_MINUTES * 60_000), timeZone), timeZone },
    reason: `${PLANNED_UPDATE.advisoryId}: the vendor's fix for the Alaris PCU ${PLANNED_UPDATE.firmware} vulnerabilities; pumps updated between infusions, a ward at a time.`,
    advisoryIds: await advisoriesClosed(db, await resolveSelection(db, SELECTION)),
    releaseNoteUrl: "https://www.cisa.gov/news-events/ics-medical-advisories/icsma-23-194-01",
    contingency: "retry",
    downtimeMinutes: 20,
    selection: SELECTION,
    externalRef: "DGH-WO-17017",
  }, engineer, now);
  await decidePlan(db, plan.id, { decision: "approve", reason: "Vendor fix for a CISA advisory; pumps swapped between infusions." }, analyst, now);
  return `change plan "${DEMO_PLAN_TITLE}": ${plan.devices} pumps, planned by ${engineer.email}, approved by ${analyst.email}, its window open now for ${WINDOW_MINUTES} minutes (${timeZone}); see /changes`;
}
