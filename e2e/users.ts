// Accounts the e2e server creates before it starts (see scripts/e2e-server.ts).
export const E2E_PASSWORD = "e2e-password-not-secret";
export const E2E_USERS = {
  admin: "admin@e2e.local",
  analyst: "analyst@e2e.local",
  engineer: "engineer@e2e.local",
  viewer: "viewer@e2e.local",
} as const;

/** Where the e2e server's own output is kept for the run (read by zz-secrets.spec.ts). */
export const SERVER_LOG = process.env.E2E_SERVER_LOG || "test-results-server/e2e-server.log";
