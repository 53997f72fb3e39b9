import path from "node:path";
import { fileURLToPath } from "node:url";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const root = path.dirname(fileURLToPath(import.meta.url));

// Tests are leaves: nothing imports them, so they may reach into any part (and read fixtures).
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "tests/**", "e2e/**"];

// The parts of lib/ (README "Project layout"; docs style "The layout, second edition").
const LIB = ["auth", "commands", "db", "domain", "feeds", "generated", "ingest", "jobs", "ops", "outbound", "queries", "reference", "tools", "vulns", "web"];
const lib = (...parts) => parts.map((p) => `lib/${p}`);
const libExcept = (...parts) => lib(...LIB.filter((p) => !parts.includes(p)));

// The house rules as import boundaries. import/no-restricted-paths resolves each import (relative,
// `@/` alias, export-from, dynamic import) to a file before it compares paths, so one zone covers
// every spelling. `except` is relative to `from`.
const zones = [
  {
    target: "lib/domain",
    from: "lib",
    except: ["./domain"],
    message: "lib/domain is pure: it imports only lib/domain and pure packages, nothing that does I/O.",
  },
  {
    target: "lib/queries",
    from: lib("commands", "jobs", "ingest", "feeds"),
    message: "lib/queries only reads: it never imports the write side (lib/commands, lib/jobs, lib/ingest, lib/feeds).",
  },
  {
    target: "lib/db",
    from: "lib",
    except: ["./db", "./generated", "./domain"],
    message: "lib/db is the bottom layer: it imports only lib/db, lib/generated and lib/domain.",
  },
  {
    target: "lib/ops",
    from: "lib",
    except: ["./ops", "./db", "./generated", "./domain"],
    message: "lib/ops (log, metrics, readiness) sits just above lib/db: it imports only lib/ops, lib/db and lib/domain.",
  },
  {
    target: "lib/reference",
    from: "lib",
    except: ["./reference", "./domain"],
    message: "lib/reference holds data tables: it imports only lib/reference and lib/domain.",
  },
  {
    target: "components",
    from: "app",
    message: "components never import app/ route segments: take a server action as a prop, or move the code to lib/.",
  },
  {
    target: "lib",
    from: ["app", "components"],
    message: "lib/ never imports app/ or components/.",
  },
  {
    target: ["app", "components", ...libExcept("tools")],
    from: "lib/tools",
    message: "lib/tools (simulator, large seeder) is for scripts/ and tests only.",
  },
  {
    target: ["app", "components", "lib"],
    from: ["scripts", "tests", "e2e"],
    message: "Shipped code never imports scripts/, tests/ or e2e/.",
  },
  {
    target: ["app", "components", ...libExcept("db", "generated")],
    from: "lib/generated",
    message: "Only lib/db touches the generated Prisma client (the one client): import it from lib/db.",
  },
  {
    target: libExcept("queries"),
    from: "lib/queries",
    message: "lib/queries is the views' read side: only app/, components/, scripts/ and tests import it.",
  },
  {
    target: libExcept("ingest", "tools"),
    from: "lib/ingest",
    message: "lib/ingest is the agent report write path: only its route (app/), lib/tools, scripts/ and tests import it.",
  },
  {
    target: libExcept("commands", "tools"),
    from: "lib/commands",
    message: "lib/commands (what people change) is called from app/ (pages, actions, routes), scripts/ and tests; no other part of lib imports it.",
  },
  {
    target: "lib/web",
    from: lib("jobs", "ingest", "feeds"),
    message: "lib/web (gates, bodies, error shape) never imports lib/jobs, lib/ingest or lib/feeds.",
  },
  {
    target: libExcept("outbound", "jobs", "commands", "tools"),
    from: "lib/outbound",
    message: "lib/outbound (the outbound queue: fan-out, delivery, webhook and syslog senders) is run by lib/jobs and fed by lib/commands; nothing else in lib imports it.",
  },
  {
    target: "lib/outbound",
    from: lib("commands", "jobs", "ingest", "queries", "feeds"),
    message: "lib/outbound reads alerts and audit rows itself and never imports the write paths or the views' reads.",
  },
  {
    target: "lib/ingest",
    from: lib("commands", "jobs"),
    message: "lib/ingest never imports lib/commands or lib/jobs: it writes the report and leaves the follow-up work to the scheduler.",
  },
];

// Packages lib/domain may import: anything else (next, react, @prisma/*, node:fs, better-sqlite3,
// pg, server-only…) does I/O or ties the pure core to a framework. Relative and `@/lib/domain/`
// imports pass here and are checked by the zones above.
const DOMAIN_PACKAGES = ["zod", "ae-cvss-calculator", "node:crypto", "luxon"];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const domainImports = `^(?!(?:\\.{1,2}/|@/lib/domain/|(?:${DOMAIN_PACKAGES.map(escape).join("|")})(?:/|$)))`;

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: ["node_modules/**", ".next/**", "dist/**", ".next-*/**", "lib/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts",
      // scripts/lint/boundaries.test.ts writes a deliberate import cycle here for a moment.
      "scripts/lint/cycle-probe-*/**"],
  },
  {
    name: "house/boundaries",
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: TESTS,
    rules: {
      "import/no-restricted-paths": ["error", { basePath: root, zones }],
    },
  },
  {
    name: "house/pure-domain",
    files: ["lib/domain/**/*.{ts,tsx}"],
    ignores: TESTS,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: domainImports,
              message: `lib/domain is pure: besides lib/domain it imports only ${DOMAIN_PACKAGES.join(", ")}.`,
            },
          ],
        },
      ],
    },
  },
  {
    // The reference agent runs alone on a sensor (README "Running an agent"): it shares the
    // protocol with the server and nothing else, so it never pulls in Next.js, Prisma or the server.
    name: "house/agent-alone",
    files: ["agent/**/*.ts"],
    ignores: TESTS,
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          basePath: root,
          zones: [
            { target: "agent", from: ["app", "components", "scripts", "tests", "e2e", ...libExcept("domain")], message: "the agent imports only agent/ and the protocol in lib/domain." },
            { target: "agent", from: "lib/domain", except: ["./protocol", "./enforcement", "./identity/mac.ts"], message: "the agent imports only the protocol (lib/domain/protocol), the enforcement policy's shape and rules (lib/domain/enforcement) and lib/domain/identity/mac.ts." },
          ],
        },
      ],
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(next|next-auth|react|react-dom|@prisma/.*|prisma|server-only|better-sqlite3|pg)(/|$)", message: "the agent never imports the server's frameworks or database drivers." }] },
      ],
    },
  },
  {
    name: "house/no-cycle",
    files: ["**/*.{ts,tsx}"],
    // A test or spec file is never imported, so it cannot be on a cycle: skip the walk from it.
    ignores: ["**/*.test.ts", "**/*.test.tsx", "e2e/**/*.spec.ts"],
    // Do not parse packages or the generated Prisma clients (4.6 MB of TypeScript) while walking
    // the graph: neither imports our code, so no cycle runs through them. Walking into next's and
    // react's typings made this rule alone take 33 s instead of 8.
    settings: { "import/ignore": ["node_modules", "lib/generated"] },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    // Every line counts, comments and blank lines too (the house rule says "300 lines"). Tests,
    // migrations and data tables are exempt; any other file that must stay longer says why on its
    // first line:  /* eslint-disable max-lines -- <reason> */
    name: "house/max-lines",
    files: ["**/*.{ts,tsx,mjs,js}"],
    ignores: [...TESTS, "prisma/**", "lib/tools/simulator/catalog-*.ts"],
    rules: {
      "max-lines": ["error", { max: 300, skipBlankLines: false, skipComments: false }],
    },
  },
];

export default config;
