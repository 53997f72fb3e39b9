// Calls the real POST /api/v1/reports handler with real Requests.
import { gzipSync } from "node:zlib";
import { enrolAgent } from "@/lib/commands/agent-enrolment";
import { getDb } from "@/lib/db/client";
import { POST } from "@/app/api/v1/reports/route";

/** An agent in `site` (the default site when none), limited to `segments` when given. */
export async function enrol(name = `sensor-${Math.random().toString(36).slice(2, 8)}`, site?: string, segments?: string[]) {
  return enrolAgent(getDb(), { name, site, segments }, { system: "test" });
}

type PostOptions = { gzip?: boolean; contentType?: string; raw?: string | Uint8Array; headers?: Record<string, string> };

export async function postReport(token: string | null, body: unknown, options: PostOptions = {}) {
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json", ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | Uint8Array = options.raw ?? JSON.stringify(body);
  if (options.gzip) {
    payload = gzipSync(payload);
    headers["content-encoding"] = "gzip";
  }
  const response = await POST(new Request("http://localhost/api/v1/reports", { method: "POST", headers, body: payload as BodyInit }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

let sequence = 0;
export function report(observations: unknown[], extra: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    schema: "iomt.agent-report/v1",
    reportId: `test-report-${Date.now()}-${sequence}`,
    sentAt: new Date().toISOString(),
    agent: { version: "1.4.2", hostname: "sensor-test" },
    observations,
    ...extra,
  };
}

export function pump(n: number, overrides: Record<string, unknown> = {}) {
  const suffix = n.toString(16).padStart(6, "0");
  return {
    observedAt: new Date().toISOString(),
    channel: "ethernet",
    claimed: {
      mac: `58:42:e4:${suffix.slice(0, 2)}:${suffix.slice(2, 4)}:${suffix.slice(4, 6)}`,
      ip: `10.20.4.${n % 250}`,
      hostname: `INFUSION-4N-${String(n).padStart(3, "0")}`,
      vendor: "Baxter",
      model: "Sigma Spectrum",
      serialNumber: `SS${1000000 + n}`,
      firmwareVersion: "8.00.01",
    },
    physical: {
      ethernet: { switchPort: `sw-icu-2/Gi1/0/${n % 48}`, vlan: 20, linkSpeedMbps: 100, duplex: "full", autoNegotiation: true, dhcpFingerprint: "1,3,6,15,28,51,58,59", ttl: 64, tcpSignature: "4:64+0:0:1460:mss*44,7:mss,sok,ts,nop,ws:df,id+:0" },
    },
    network: { segment: "ICU-VLAN-20", openPorts: [80, 443], protocols: ["HL7"] },
    ...overrides,
  };
}

export async function counts() {
  const db = getDb();
  const [reports, devices, observations, identifiers, fingerprints, alerts] = await Promise.all([
    db.report.count(),
    db.device.count(),
    db.observation.count(),
    db.deviceIdentifier.count(),
    db.fingerprint.count(),
    db.alert.count(),
  ]);
  return { reports, devices, observations, identifiers, fingerprints, alerts };
}
