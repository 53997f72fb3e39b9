import { describe, expect, it } from "vitest";
import { openApiDocument } from "../openapi";

describe("the OpenAPI document", () => {
  const doc = openApiDocument();
  const paths = doc.paths as Record<string, Record<string, { security?: unknown; parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>>;

  it("keeps the agent endpoint under the agent token and adds the three read-only integration paths under the API key", () => {
    expect(Object.keys(paths).sort()).toEqual(["/api/v1/alerts", "/api/v1/assets", "/api/v1/assets/bulk", "/api/v1/assets/{assetTag}", "/api/v1/changes", "/api/v1/changes/{id}", "/api/v1/devices", "/api/v1/devices/{id}", "/api/v1/enforcement", "/api/v1/reports"]);
    expect(doc.security).toEqual([{ agentToken: [] }]);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["agentToken", "apiKey"]);
    for (const path of ["/api/v1/devices", "/api/v1/devices/{id}", "/api/v1/alerts"]) {
      expect(Object.keys(paths[path]), path).toEqual(["get"]);
      expect(paths[path].get.security).toEqual([{ apiKey: [] }]);
      expect(Object.keys(paths[path].get.responses)).toEqual(expect.arrayContaining(["200", "401", "429"]));
    }
  });

  it("describes the enforcement extension from its schemas: ETag and 304 on GET, the report and its 202 on POST", () => {
    const enforcement = paths["/api/v1/enforcement"] as Record<string, { parameters?: { name: string }[]; responses: Record<string, unknown>; requestBody?: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } } }>;
    expect(Object.keys(enforcement).sort()).toEqual(["get", "post"]);
    expect(enforcement.get.parameters!.map((p) => p.name)).toEqual(["If-None-Match"]);
    expect(Object.keys(enforcement.get.responses).sort()).toEqual(["200", "304", "401", "403", "429"]);
    const policy = (enforcement.get.responses["200"] as { content: { "application/json": { schema: { properties: Record<string, unknown> } } } }).content["application/json"].schema;
    expect(Object.keys(policy.properties)).toEqual(expect.arrayContaining(["schema", "version", "mode", "block", "allow"]));
    expect(Object.keys(enforcement.post.requestBody!.content["application/json"].schema.properties)).toEqual(["schema", "policyVersion", "agent", "actions"]);
    expect(Object.keys(enforcement.post.responses)).toEqual(expect.arrayContaining(["202", "400", "401", "403", "413", "415", "429"]));
  });

  it("describes the asset register push API under the API key, with its scope refusal", () => {
    const entry = paths["/api/v1/assets/{assetTag}"];
    expect(Object.keys(entry).sort()).toEqual(["get", "put"]);
    expect(Object.keys(entry.put.responses)).toEqual(expect.arrayContaining(["200", "201", "400", "401", "403", "429"]));
    expect(entry.put.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(["path:assetTag", "query:source"]);
    expect(Object.keys(paths["/api/v1/assets/bulk"])).toEqual(["post"]);
    expect(paths["/api/v1/assets"].get.parameters!.map((p) => p.name)).toEqual(["source", "state", "cursor", "limit"]);
    for (const op of [entry.put, entry.get, paths["/api/v1/assets/bulk"].post, paths["/api/v1/assets"].get]) expect(op.security).toEqual([{ apiKey: [] }]);
  });

  it("describes the change plans under the API key: list and read with either scope, create with changes:write", () => {
    const plans = paths["/api/v1/changes"];
    expect(Object.keys(plans).sort()).toEqual(["get", "post"]);
    expect(plans.get.parameters!.map((p) => p.name)).toEqual(["state", "cursor", "limit"]);
    expect(Object.keys(plans.post.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "409", "429"]));
    expect(Object.keys(paths["/api/v1/changes/{id}"])).toEqual(["get"]);
    for (const op of [plans.get, plans.post, paths["/api/v1/changes/{id}"].get]) expect(op.security).toEqual([{ apiKey: [] }]);
  });

  it("lists the inventory's filters, the cursor and the page size as query parameters", () => {
    const names = paths["/api/v1/devices"].get.parameters!.map((p) => p.name);
    expect(names).toEqual(["q", "category", "site", "segment", "vendor", "status", "criticality", "tier", "seen", "sort", "cursor", "limit"]);
    expect(paths["/api/v1/devices"].get.parameters!.every((p) => p.in === "query")).toBe(true);
    expect(paths["/api/v1/alerts"].get.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(["status", "site", "cursor", "limit"]));
  });

  it("describes the answers from the schemas, and is plain JSON", () => {
    const ok = paths["/api/v1/devices"].get.responses["200"] as { content: { "application/json": { schema: { properties: Record<string, unknown> } } } };
    expect(Object.keys(ok.content["application/json"].schema.properties)).toEqual(["data", "nextCursor"]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
