// Device's, its keys', fingerprints' and observations' columns as the bulk writer (lib/db/bulk.ts) types them,
// for the writers that create devices without the ORM: ingestion's new devices
// (lib/ingest/new-rows.ts) and the large estate's seed (lib/tools/seed/estate-batch.ts).
import type { Columns } from "./bulk";

export const DEVICE_COLUMN_TYPES: Columns = {
  id: "text", displayName: "text", category: "text", categoryRule: "text",
  claimedMac: "text", claimedIp: "text", claimedHostname: "text", claimedVendor: "text", claimedModel: "text", claimedSerial: "text", claimedFirmware: "text",
  usbVendorId: "text", usbProductId: "text", usbSerial: "text", usbManufacturer: "text", usbProduct: "text",
  vendor: "text", model: "text", firmwareVersion: "text", ouiVendor: "text", usbIdsVendor: "text", usbIdsProduct: "text",
  macLocallyAdministered: "bool", os: "text", channel: "text", internetExposed: "bool", network: "json",
  siteId: "text", segmentId: "text", department: "text", owner: "text",
  criticality: "text", criticalitySource: "text", phi: "text", compensatingControls: "float",
  status: "text", statusReason: "text", statusRule: "text", statusChangedAt: "date", spoofSuspected: "bool",
  firstSeenAt: "date", lastSeenAt: "date", notSeenAt: "date", lastAgentId: "text", switchPort: "text", switchPortSeenAt: "date",
  riskScore: "int", riskTier: "text", riskAcceptedUntil: "date", riskStale: "bool", currentFingerprintId: "text", factsHash: "text", searchText: "text",
  createdAt: "date", updatedAt: "date",
};

export const IDENTIFIER_COLUMNS: Columns = { kind: "text", value: "text", deviceId: "text", createdAt: "date" };

/** A fingerprint's columns but its count of sightings (the database's default, 1, for a new one). */
export const FINGERPRINT_COLUMNS: Columns = { id: "text", deviceId: "text", hash: "text", attributes: "json", channel: "text", verdict: "text", similarity: "float", firstSeenAt: "date", lastSeenAt: "date" };

export const OBSERVATION_COLUMNS: Columns = { id: "text", deviceId: "text", agentId: "text", reportId: "text", observedAt: "date", receivedAt: "date", channel: "text", action: "text", segment: "text", ip: "text", claimed: "json", physical: "json", network: "json", software: "json" };
