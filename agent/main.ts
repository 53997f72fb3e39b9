// The command line: `iomt-agent --url … --config agent.json [--once] [--dry-run]`. Flags override
// the config file; the token comes from --token, IOMT_AGENT_TOKEN or the config's tokenFile (the
// documented ways are the last two: a flag shows in `ps`). Exit codes: 0 ok, 2 bad configuration
// or usage (the message names the field), 1 anything else.
import { parseArgs } from "node:util";
import { buildCollectors, loadAgentConfig } from "./config-collectors";
import { ConfigError, resolveToken } from "./config";
import { runAgent } from "./agent";
import { createLogger } from "./log";
import { AGENT_VERSION } from "./version";

const USAGE = `iomt-agent ${AGENT_VERSION}: the IoMT dashboard's reference sensor (agent protocol v1)

Usage: iomt-agent --config /etc/iomt-agent/agent.json [options]

  --config <file>      JSON config file (every option: docs/agent/agent.example.json)
  --url <url>          the dashboard's base URL (overrides "url")
  --token-file <file>  file holding the agent token (overrides "tokenFile")
  --token <token>      the token itself (prefer IOMT_AGENT_TOKEN or a token file: flags show in ps)
  --once               run one cycle, deliver what can be delivered, exit
  --dry-run            run one cycle and print the report; nothing is sent or spooled
  --help, --version

Environment: IOMT_AGENT_TOKEN (the agent token).
Exit codes: 0 ok, 2 bad configuration or usage, 1 other failure.
`;

const OPTIONS = {
  config: { type: "string" },
  url: { type: "string" },
  "token-file": { type: "string" },
  token: { type: "string" },
  once: { type: "boolean" },
  "dry-run": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

const write = (stream: NodeJS.WriteStream, text: string) => new Promise<void>((resolve) => stream.write(text, () => resolve()));

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let args: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; args: string[] }>>["values"];
  try {
    args = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    await write(process.stderr, `iomt-agent: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) return write(process.stdout, USAGE).then(() => 0);
  if (args.version) return write(process.stdout, `${AGENT_VERSION}\n`).then(() => 0);

  let log = createLogger();
  try {
    const config = await loadAgentConfig(args.config, { url: args.url, tokenFile: args["token-file"] });
    const dryRun = args["dry-run"] ?? false;
    const token = await resolveToken({ flag: args.token, env: env.IOMT_AGENT_TOKEN, tokenFile: config.tokenFile, log });
    if (!dryRun && !config.url) throw new ConfigError("url: required (in the config file or --url)");
    if (!dryRun && !token) throw new ConfigError("token: none given (tokenFile in the config, --token-file, or IOMT_AGENT_TOKEN)");
    log = createLogger({ level: config.log.level, secrets: token ? [token] : [] });

    const controller = new AbortController();
    const stop = (signal: NodeJS.Signals) => {
      log.info("stopping", { signal });
      controller.abort();
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);

    return await runAgent({
      config,
      collectors: buildCollectors(config.collectors),
      token,
      once: (args.once ?? false) || dryRun,
      dryRun,
      log,
      signal: controller.signal,
      print: (text) => write(process.stdout, text),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      await write(process.stderr, `iomt-agent: ${error.message}\n`);
      return error.exitCode;
    }
    log.error("agent failed", { error });
    return 1;
  }
}

// Exit explicitly: a collector's socket or child process must not keep a finished agent alive.
main(process.argv.slice(2), process.env).then((code) => process.exit(code));
