// Firmware change plans (issue 17) as zod schemas: the plan a person or a CMMS submits (the
// dashboard's form and POST /api/v1/changes parse the same one, through lib/commands/change-plans.ts),
// the list's query, and what the API answers. The OpenAPI document is generated from them.
import { z } from "zod";
import { CONTINGENCIES, DEVICE_STATES, FAILURES, PLAN_STATES, TASK_OUTCOMES } from "../../domain/changes/change-plan";
import { isIsoDate, listQuery } from "./device-params";

/** Devices one plan may hold (a fleet of one model at one hospital fits). */
export const MAX_PLAN_DEVICES = 5_000;
export const MAX_PLAN_ADVISORIES = 200;

const version = z.string().trim().min(1, "Give a version.").max(64, "A version has at most 64 characters.");
const optionalText = (max: number, words: string) => z.string().trim().max(max, `${words} has at most ${max} characters.`).optional();
/** "2026-03-29T01:30" as an <input type="datetime-local"> sends it: to the minute, as windows are planned. */
const localTime = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Give a local date and time to the minute, e.g. 2026-03-29T01:30.");

const selectionSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("devices"),
    deviceIds: z.array(z.string().trim().min(1).max(64)).min(1, "Choose at least one device.").max(MAX_PLAN_DEVICES, `A plan holds at most ${MAX_PLAN_DEVICES.toLocaleString("en-US")} devices.`),
  }),
  z.strictObject({
    kind: z.literal("filter"),
    vendor: z.string().trim().min(1, "A filter needs the vendor.").max(120),
    model: z.string().trim().min(1, "A filter needs the model.").max(120),
    firmware: optionalText(64, "The firmware"),
    siteId: optionalText(64, "The site"),
    category: optionalText(64, "The category"),
  }),
]);
export type Selection = z.output<typeof selectionSchema>;

/** An empty optional field (a form's blank input) is the same as one left out. */
const blankIsAbsent = (v: unknown) => (v === "" || v === null ? undefined : v);

export const changePlanSchema = z
  .strictObject({
    title: z.preprocess(blankIsAbsent, optionalText(120, "The title")).describe("left out: made from the devices and the target"),
    targetVersion: version.describe("the firmware version the devices are to report"),
    window: z.strictObject({
      start: localTime.describe("wall-clock time in timeZone, e.g. 2026-03-29T01:30"),
      end: localTime.describe("wall-clock time in timeZone; after start, at most 14 days later"),
      timeZone: z.string().trim().min(1, "Choose a time zone.").max(64).describe("IANA time zone, e.g. Europe/Paris"),
    }),
    reason: z.string().trim().min(1, "Say why the change is needed.").max(1000, "The reason has at most 1000 characters."),
    advisoryIds: z.array(z.string().trim().min(1).max(64)).max(MAX_PLAN_ADVISORIES).default([]).describe("the advisories the change is meant to close"),
    releaseNoteUrl: z.preprocess(blankIsAbsent, z.string().trim().max(500).regex(/^https?:\/\/\S+$/i, "Give an http(s) link.").optional()).describe("the vendor's release note"),
    contingency: z.enum(CONTINGENCIES, { message: "Choose retry, rollback or replace." }).describe("what happens to a device whose change fails"),
    rollbackVersion: z.preprocess(blankIsAbsent, version.optional()).describe("required with contingency rollback: the version to return to"),
    downtimeMinutes: z.coerce.number().int("Give whole minutes.").min(0).max(10_080, "At most 10,080 minutes (a week).").describe("clinical downtime accepted per device"),
    selection: selectionSchema,
    externalRef: z.preprocess(blankIsAbsent, optionalText(100, "The reference")).describe("a CMMS work order number"),
  })
  .superRefine((plan, ctx) => {
    if (plan.contingency === "rollback" && !plan.rollbackVersion) ctx.addIssue({ code: "custom", path: ["rollbackVersion"], message: "Name the version a rollback returns to." });
    if (plan.contingency !== "rollback" && plan.rollbackVersion) ctx.addIssue({ code: "custom", path: ["rollbackVersion"], message: "A rollback version goes only with the rollback contingency." });
  });
export type ChangePlanInput = z.output<typeof changePlanSchema>;

/** GET /api/v1/changes: newest first; a cursor must be one this list gave (a creation time and an id). */
export const changeQuery = listQuery({ state: z.enum(PLAN_STATES).optional().describe("only plans in this state") }, (c) => isIsoDate(c.v), "not a cursor of this list: send the nextCursor of the previous page");

// ─── Answers ─────────────────────────────────────────────────────────────────────────────────

const isoDate = z.iso.datetime().describe("ISO 8601, UTC");
const progress = z.strictObject({ devices: z.int().min(0), planned: z.int().min(0), verified: z.int().min(0), failed: z.int().min(0) });

export const changeSummarySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  state: z.enum(PLAN_STATES),
  targetVersion: z.string(),
  window: z.strictObject({ start: isoDate, end: isoDate, timeZone: z.string() }),
  requestedBy: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: isoDate.nullable(),
  externalRef: z.string().nullable(),
  progress,
  createdAt: isoDate,
});

const taskSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(CONTINGENCIES),
  owner: z.string(),
  dueAt: isoDate,
  state: z.enum(["open", ...TASK_OUTCOMES]),
  closedBy: z.string().nullable(),
  closedAt: isoDate.nullable(),
  closedReason: z.string().nullable(),
});

const planDeviceSchema = z.strictObject({
  deviceId: z.string(),
  name: z.string().describe("display name, from what agents report: untrusted text, escape it when displaying"),
  fromVersion: z.string().nullable(),
  state: z.enum(DEVICE_STATES),
  failure: z.enum(FAILURES).nullable(),
  reportedVersion: z.string().nullable(),
  verifiedAt: isoDate.nullable(),
  failedAt: isoDate.nullable(),
  risk: z.strictObject({ before: z.int(), after: z.int().describe("the risk model's score at the target version, when planned") }),
  cvesClosed: z.array(z.string()),
  task: taskSchema.nullable().describe("the contingency of a failed device"),
});

export const changeDetailSchema = changeSummarySchema.extend({
  reason: z.string(),
  advisoryIds: z.array(z.string()),
  releaseNoteUrl: z.string().nullable(),
  contingency: z.enum(CONTINGENCIES),
  rollbackVersion: z.string().nullable(),
  downtimeMinutes: z.int().min(0),
  decisionReason: z.string().nullable(),
  completedAt: isoDate.nullable(),
  preview: z.strictObject({ devices: z.int().min(0), cvesClosed: z.array(z.string()), riskBefore: z.int(), riskAfter: z.int() }),
  devices: z.array(planDeviceSchema),
});
export type ChangeSummary = z.output<typeof changeSummarySchema>;
export type ChangeDetail = z.output<typeof changeDetailSchema>;

export const createdChangeSchema = z.strictObject({ id: z.string(), devices: z.int().min(1) });
