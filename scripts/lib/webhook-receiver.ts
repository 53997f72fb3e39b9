// A webhook receiver on 127.0.0.1 (an ephemeral port) for tests, the two-instance check and the
// e2e spec: it verifies each delivery's signature as a real receiver would and answers as told.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "../../lib/domain/integrations/webhook-signature";

export type Received = { path: string; headers: IncomingMessage["headers"]; body: string; event: { id: string; kind: string; type: string; [key: string]: unknown }; verified: boolean | null };
/** What to answer: a status (and body), or "hang" (never answer: the sender times out). */
export type Answer = { status: number; body?: string } | "hang";

export type Receiver = {
  url: (path: string) => string;
  received: Received[];
  /** Answers for a path, used in turn; the last one repeats. Default: 200. */
  answer: (path: string, ...answers: Answer[]) => void;
  /** The secret to verify a path's deliveries with (verified stays null without one). */
  secret: (path: string, secret: string) => void;
  close: () => Promise<void>;
};

export async function startWebhookReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const answers = new Map<string, Answer[]>();
  const secrets = new Map<string, string>();
  const hanging = new Set<IncomingMessage>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const path = (request.url ?? "/").split("?")[0];
      const body = Buffer.concat(chunks).toString("utf8");
      const secret = secrets.get(path);
      const verified = secret ? verifyWebhook(secret, request.headers, body, Math.floor(Date.now() / 1000)).ok : null;
      received.push({ path, headers: request.headers, body, event: JSON.parse(body), verified });
      const queue = answers.get(path) ?? [];
      const answer = queue.length > 1 ? queue.shift()! : queue[0] ?? { status: 200, body: "ok" };
      if (answer === "hang") {
        hanging.add(request);
        return;
      }
      response.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.body ?? `answered ${answer.status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    answer: (path, ...list) => void answers.set(path, list),
    secret: (path, secret) => void secrets.set(path, secret),
    close: async () => {
      for (const r of hanging) r.socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
