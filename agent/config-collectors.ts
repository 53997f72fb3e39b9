// Which collectors the config may enable, and their options: each collector module owns its zod
// options schema (with `enabled` and a default for everything); this file only composes them under
// `collectors` and builds the enabled ones. `.strict()` makes a misspelt option an error naming it;
// `.prefault({})` (not `.default({})`) lets a missing section still get the inner defaults.
import { z } from "zod";
import { captureCollector, captureOptions } from "./collectors/capture";
import { neighbourOptions, neighboursCollector } from "./collectors/neighbours";
import { snmpCollector, snmpOptions } from "./collectors/snmp";
import { typingRateCollector, typingRateOptions } from "./collectors/typing-rate";
import type { Collector } from "./collectors/types";
import { usbCollector, usbOptions } from "./collectors/usb-sysfs";
import { configSchema, loadConfig, type AgentConfig, type ConfigOverrides } from "./config";

export const collectorsSchema = z
  .strictObject({
    usb: usbOptions.strict().prefault({}),
    typingRate: typingRateOptions.strict().prefault({}),
    neighbours: neighbourOptions.strict().prefault({}),
    snmp: snmpOptions.strict().prefault({}),
    capture: captureOptions.strict().prefault({}),
  })
  .prefault({});

export type CollectorsConfig = z.output<typeof collectorsSchema>;
export type FullConfig = AgentConfig<CollectorsConfig>;

export const agentConfigSchema = configSchema(collectorsSchema);

export const loadAgentConfig = (file: string | undefined, overrides?: ConfigOverrides) => loadConfig(collectorsSchema, file, overrides);

/** The collectors the config enables, in a fixed order (merge order: later ones add to earlier ones). */
export function buildCollectors(config: CollectorsConfig): Collector[] {
  const collectors: Collector[] = [];
  if (config.usb.enabled) collectors.push(usbCollector(config.usb));
  if (config.typingRate.enabled) collectors.push(typingRateCollector(config.typingRate));
  if (config.neighbours.enabled) collectors.push(neighboursCollector(config.neighbours));
  if (config.snmp.enabled) collectors.push(snmpCollector(config.snmp));
  if (config.capture.enabled) collectors.push(captureCollector(config.capture));
  return collectors;
}
