import { describe, expect, it } from "vitest";
import * as roles from "./roles";

// The whole permission matrix, written out: a change to who may do what must change this table.
const MATRIX: Record<string, roles.Role[]> = {
  canViewDashboard: ["admin", "analyst", "engineer", "viewer"],
  canManageUsers: ["admin"],
  canManageAgents: ["admin"],
  canManageApiKeys: ["admin"],
  canManageIntegrations: ["admin"],
  canImportFeeds: ["admin"],
  canManagePolicies: ["admin", "analyst"],
  canEditPlaces: ["admin"],
  canViewAuditLog: ["admin", "analyst"],
  canApproveDevice: ["admin", "analyst", "engineer"],
  canDecideSpoof: ["admin", "analyst"],
  canEditDevice: ["admin", "engineer"],
  canEditCriticality: ["admin", "engineer"],
  canAcceptRisk: ["admin", "analyst"],
  canAssignDevice: ["admin", "analyst", "engineer"],
  canHandleAlert: ["admin", "analyst", "engineer"],
  canReviewMatches: ["admin", "analyst", "engineer"],
  canManageAssetRegister: ["admin", "engineer"],
  canPlanChange: ["admin", "engineer"],
  canDecideChange: ["admin", "analyst"],
  canHandleContingency: ["admin", "analyst", "engineer"],
  canReviewFirmware: ["admin", "analyst", "engineer"],
};

describe("permission predicates", () => {
  const predicates = Object.entries(roles).filter(([name, value]) => name.startsWith("can") && typeof value === "function");

  it("every predicate is in the matrix", () => {
    expect(predicates.map(([name]) => name).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [name, allowed] of Object.entries(MATRIX)) {
    it.each(roles.ROLES)(`${name} for %s`, (role) => {
      const predicate = (roles as unknown as Record<string, (a: roles.Actor) => boolean>)[name];
      expect(predicate({ role })).toBe(allowed.includes(role));
    });
  }

  it("nobody signed in may do anything", () => {
    for (const [, predicate] of predicates) {
      expect((predicate as (a: roles.Actor) => boolean)(null)).toBe(false);
      expect((predicate as (a: roles.Actor) => boolean)(undefined)).toBe(false);
    }
  });

  it("isRole accepts only the four roles", () => {
    expect(roles.ROLES.every(roles.isRole)).toBe(true);
    expect(roles.isRole("root")).toBe(false);
    expect(roles.isRole("Admin")).toBe(false);
    expect(roles.isRole(undefined)).toBe(false);
  });
});
