import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { API_PAGE_SIZE, decodeCursor, parseDeviceQuery } from "./device-params";
import { alertSummary, deviceSummary, riskFactors } from "../../queries/integration-shapes";

const url = (query: string) => new URL(`http://localhost/api/v1/devices${query}`);
const cursor = (v: unknown, id = "ck123") => Buffer.from(JSON.stringify({ v, id })).toString("base64url");

function issuesOf(query: string) {
  try {
    parseDeviceQuery(url(query));
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    return [...new Set((error as ApiError).issues?.map((i) => i.path))];
  }
  throw new Error(`${query} was accepted`);
}

describe("parseDeviceQuery", () => {
  it("takes the inventory's filters and a page size, defaulting to 50", () => {
    expect(parseDeviceQuery(url("?q=pump&status=authorized&tier=critical&seen=7d&sort=name&vendor=Baxter"))).toEqual({ q: "pump", status: "authorized", tier: "critical", seen: "7d", sort: "name", vendor: "Baxter", limit: API_PAGE_SIZE });
    expect(parseDeviceQuery(url("?limit=200")).limit).toBe(200);
  });

  it("ignores unknown parameters and empty values, and takes the first of repeated ones", () => {
    expect(parseDeviceQuery(url("?foo=bar&__proto__[x]=1&status=&tier=low&tier=high"))).toEqual({ tier: "low", limit: API_PAGE_SIZE });
  });

  it("refuses a bad value with a 400 naming the parameter", () => {
    expect(issuesOf("?status=happy")).toEqual(["status"]);
    expect(issuesOf("?sort=random")).toEqual(["sort"]);
    expect(issuesOf(`?q=${"x".repeat(101)}`)).toEqual(["q"]);
    for (const limit of ["0", "201", "1.5", "abc", "1e309", "-1", "9007199254740993"]) expect(issuesOf(`?limit=${limit}`)).toEqual(["limit"]);
  });

  it("refuses a cursor that is not one the list answered, or does not fit the sort", () => {
    expect(issuesOf("?cursor=not-a-cursor")).toEqual(["cursor"]);
    expect(issuesOf(`?cursor=${cursor("abc")}`)).toEqual(["cursor"]); // risk pages carry a score
    expect(issuesOf(`?sort=lastSeen&cursor=${cursor(42)}`)).toEqual(["cursor"]);
    expect(issuesOf(`?cursor=${cursor(42, "x".repeat(65))}`)).toEqual(["cursor"]);
    expect(issuesOf("?cursor=%7B%22v%22%3A1%7D")).toEqual(["cursor"]);
    expect(parseDeviceQuery(url(`?cursor=${cursor(87)}`)).cursor).toBe(cursor(87));
    expect(parseDeviceQuery(url(`?sort=lastSeen&cursor=${cursor("2026-11-01T10:00:00.000Z")}`)).sort).toBe("lastSeen");
    expect(parseDeviceQuery(url(`?sort=name&cursor=${cursor("INFUSION-4N-001")}`)).sort).toBe("name");
  });
});

describe("decodeCursor", () => {
  it("reads only base64url JSON with a value and an id", () => {
    expect(decodeCursor(cursor(5))).toEqual({ v: 5, id: "ck123" });
    expect(decodeCursor(Buffer.from("[1]").toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from('{"v":null,"id":"a"}').toString("base64url"))).toBeNull();
    expect(decodeCursor("a+b/")).toBeNull();
  });
});

describe("shapes", () => {
  const at = new Date("2026-11-01T10:00:00.000Z");
  it("answer ISO dates and no internal columns, whatever the row carries", () => {
    const row = { id: "d1", displayName: "PUMP", category: "infusion_pump", vendor: "Baxter", model: "Sigma", claimedMac: "00:09:fb:00:00:01", claimedIp: "10.0.0.1", status: "pending", criticality: "therapy_delivery", riskScore: 80, riskTier: "critical", spoofSuspected: false, firstSeenAt: at, lastSeenAt: at, notSeenAt: null, site: { name: "Main" }, segment: null, searchText: "secret", factsHash: "h", riskHash: "h" };
    const shaped = deviceSummary(row);
    expect(shaped).toMatchObject({ id: "d1", name: "PUMP", site: "Main", segment: null, risk: { score: 80, tier: "critical" }, lastSeenAt: "2026-11-01T10:00:00.000Z" });
    expect(JSON.stringify(shaped)).not.toMatch(/searchText|factsHash|riskHash|secret/);
  });
  it("alerts name who acknowledged and resolved", () => {
    const shaped = alertSummary({ id: "a1", kind: "spoof", severity: "critical", title: "Spoof", status: "resolved", count: 3, firstAt: at, lastAt: at, deviceId: "d1", device: { displayName: "PUMP" }, acknowledgedAt: at, acknowledgedBy: { email: "a@x" }, resolvedAt: at, resolvedBy: null });
    expect(shaped).toMatchObject({ device: { id: "d1", name: "PUMP" }, acknowledged: { at: at.toISOString(), by: "a@x" }, resolved: { at: at.toISOString(), by: null } });
  });
  it("risk factors pick the explaining parts of a breakdown", () => {
    expect(riskFactors(null)).toBeNull();
    expect(riskFactors({ modelVersion: "risk-1", impact: 0.9, floors: [], vulnerabilities: [{ id: "CVE-1" }], cutoffs: {} })).toMatchObject({ modelVersion: "risk-1", impact: 0.9, floors: [], exposure: null });
  });
});
