// Agents whose reports name the same devices write those devices' rows at the same moment. On
// PostgreSQL each transaction locks the rows as its statement's plan meets them; in two different
// orders, each waits for the other and PostgreSQL aborts one as a deadlock (the report is then
// retried, and after four tries refused). Reports lock the devices in key order first
// (lib/db/bulk.ts lockInKeyOrder), so they queue instead. On SQLite one writer at a time.
import { afterEach, describe, expect, it, vi } from "vitest";
import { enrol, postReport, pump, report } from "./agent-api";

const DEVICES = 300;
const ROUNDS = 5;

afterEach(() => vi.restoreAllMocks());

describe("reports naming the same devices at once", () => {
  it("are all accepted without a write conflict, whatever order each lists them in", async () => {
    const agents = [];
    for (let i = 0; i < 4; i++) agents.push(await enrol());
    const fleet = (order: "forward" | "reversed") => {
      const list = Array.from({ length: DEVICES }, (_, i) => pump(70_000 + i));
      return order === "forward" ? list : list.reverse();
    };
    expect((await postReport(agents[0].token, report(fleet("forward")))).status).toBe(202);

    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, "write").mockImplementation((chunk, ...rest) => (logged.push(String(chunk)), write(chunk, ...(rest as []))));
    for (let round = 0; round < ROUNDS; round++) {
      // A device's last reporter is one agent at most: the three others write its presence.
      const answers = await Promise.all(agents.map((a, i) => postReport(a.token, report(fleet(i % 2 ? "reversed" : "forward")))));
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202]);
      expect(answers.map((a) => a.body.devices)).toEqual(agents.map(() => ({ new: 0, updated: DEVICES })));
    }
    const retries = logged.filter((l) => l.includes("report retried after a write conflict"));
    expect(retries).toEqual([]);
  }, 120_000);
});
