// Deterministic observations for the benchmarks: many devices, each with stable identity and
// physical measurements, as a sensor on a busy segment reports them.
const VENDORS = [
  { oui: "58:42:e4", vendor: "Baxter", model: "Sigma Spectrum", prefix: "INFUSION" },
  { oui: "00:09:fb", vendor: "Philips", model: "IntelliVue MX450", prefix: "MONITOR" },
  { oui: "3c:d9:2b", vendor: "HP", model: "LaserJet M507", prefix: "PRN" },
  { oui: "00:1b:63", vendor: "Apple", model: "Mac mini", prefix: "WS" },
];

/**
 * `reportedAt`: when the report is made. Each device was seen at its own moment in the second
 * before, as a capture sensor stamps a device with its last frame, not one time for the report.
 */
export function benchObservation(agentIndex: number, deviceIndex: number, reportedAt: Date) {
  const v = VENDORS[deviceIndex % VENDORS.length];
  const observedAt = new Date(reportedAt.getTime() - (deviceIndex % 1000)).toISOString();
  const n = agentIndex * 1_000_000 + deviceIndex;
  const hex = n.toString(16).padStart(6, "0").slice(-6);
  return {
    observedAt,
    channel: "ethernet",
    claimed: {
      mac: `${v.oui}:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`,
      ip: `10.${agentIndex + 10}.${(deviceIndex >> 8) & 255}.${deviceIndex & 255}`,
      hostname: `${v.prefix}-${agentIndex}-${deviceIndex}`,
      vendor: v.vendor,
      model: v.model,
      serialNumber: `SN${n}`,
      firmwareVersion: "8.00.01",
    },
    physical: { ethernet: { switchPort: `sw-${agentIndex}/Gi1/0/${deviceIndex % 48}`, vlan: 20, linkSpeedMbps: 100, duplex: "full", autoNegotiation: true, dhcpFingerprint: "1,3,6,15,28,51,58,59", ttl: 64, tcpSignature: "4:64+0:0:1460:mss*44,7:mss,sok,ts,nop,ws:df,id+:0" } },
    network: { segment: `SEG-${agentIndex}-VLAN-20`, openPorts: [80, 443], protocols: ["HL7"] },
  };
}
