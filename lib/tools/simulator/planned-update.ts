// A planned firmware update as the network sees it: the BD Alaris 8015 pumps at 12.1.3 move to
// 12.1.4, the version ICSMA-23-194-01 names as fixed, a few at a time, except one whose update
// does not take; and one other pump changes firmware with no plan at all. The simulator only
// plays the devices, as agents report them: the plan itself is made in the dashboard (or by
// `npm run demo`) with the fleet's filter, PLANNED_UPDATE.
import type { FirmwareUpdate, Hospital, NetworkDevice } from "./hospital-types";
import { pick, rngFor } from "./prng";

export const UPDATE_SCENARIOS = {
  "planned-update":
    "the BD Alaris 8015 pumps at 12.1.3 update to 12.1.4 over three rounds, except one that stays on 12.1.3; a pump at 12.1.4 outside the plan is downgraded to 12.1.3 with no plan",
} as const;
export type UpdateScenario = keyof typeof UPDATE_SCENARIOS;

/** The fleet and its target in the words a plan's filter uses (vendor, model and firmware as the pumps report them). */
export const PLANNED_UPDATE = { vendor: "BD", model: "Alaris PCU Model 8015", firmware: "12.1.3", target: "12.1.4", advisoryId: "ICSMA-23-194-01" } as const;
const MODEL_KEY = "bd-alaris-8015";
/** The fleet is updated over this many rounds, a ward at a time rather than all at once. */
export const SPREAD_ROUNDS = 3;

export type UpdateOptions = {
  scenario: UpdateScenario;
  /** The round the first pumps update in; a negative one means the update happened before this run (a re-run of the demo). */
  fromRound: number;
};

type Updated = NetworkDevice & { firmwareUpdate: FirmwareUpdate };
/** Who plays which part: read back from a hospital built with the update. */
export type UpdateCast = { fleet: Updated[]; stuck: Updated; unplanned: Updated };

const network = (h: Hospital) => h.devices.filter((d): d is NetworkDevice => d.kind === "network");
const inFleet = (d: NetworkDevice) => d.model.key === MODEL_KEY && d.firmware === PLANNED_UPDATE.firmware;

/**
 * The unplanned change: a pump of the same model already on the target goes back to the old,
 * affected version (the case a CISO cares most about); failing that, any device whose model has
 * another known firmware changes to it.
 */
function unplannedChange(h: Hospital): { device: NetworkDevice; version: string } | null {
  const others = network(h).filter((d) => !inFleet(d));
  const pump = others.find((d) => d.model.key === MODEL_KEY);
  if (pump) return { device: pump, version: PLANNED_UPDATE.firmware };
  for (const device of others) {
    const version = device.model.firmware.find((f) => f.version !== device.firmware)?.version;
    if (version) return { device, version };
  }
  return null;
}

/** Each device's part, by id. Refuses a hospital too small to play it. */
function castParts(h: Hospital, fromRound: number): Map<string, FirmwareUpdate> {
  const fleet = network(h).filter(inFleet);
  const unplanned = unplannedChange(h);
  if (fleet.length < 2 || !unplanned) {
    throw new Error(`a planned update needs at least two ${PLANNED_UPDATE.model} pumps at ${PLANNED_UPDATE.firmware} and one other device: simulate a larger hospital`);
  }
  const stuck = pick(rngFor(h.seed, "update-stuck"), fleet);
  const parts = new Map<string, FirmwareUpdate>();
  fleet.forEach((d, i) => {
    const round = fromRound + (i % SPREAD_ROUNDS);
    parts.set(d.id, d === stuck ? { round, version: d.firmware, part: "stuck" } : { round, version: PLANNED_UPDATE.target, part: "updated" });
  });
  parts.set(unplanned.device.id, { round: fromRound + 1, version: unplanned.version, part: "unplanned" });
  return parts;
}

/** The hospital with the update's devices playing their parts (they no longer upgrade on their own). */
export function withUpdate(h: Hospital, options: UpdateOptions): Hospital {
  const parts = castParts(h, options.fromRound);
  const devices = h.devices.map((d) => {
    const firmwareUpdate = parts.get(d.id);
    if (d.kind !== "network" || !firmwareUpdate) return d;
    return { ...d, upgradeAtRound: undefined, firmwareUpdate };
  });
  return { ...h, devices };
}

export function updateCast(h: Hospital): UpdateCast {
  const cast = network(h).filter((d): d is Updated => d.firmwareUpdate !== undefined);
  const stuck = cast.find((d) => d.firmwareUpdate.part === "stuck");
  const unplanned = cast.find((d) => d.firmwareUpdate.part === "unplanned");
  if (!stuck || !unplanned) throw new Error("this hospital was built without a planned update");
  return { fleet: cast.filter((d) => d.firmwareUpdate.part !== "unplanned"), stuck, unplanned };
}
