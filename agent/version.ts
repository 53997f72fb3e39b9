// The agent's own version: sent in every report (agent.version) and in the User-Agent header, so
// the dashboard's agent page and the server's logs say which build a sensor runs.
export const AGENT_VERSION = "1.0.0";

export const USER_AGENT = `iomt-agent/${AGENT_VERSION} (node ${process.versions.node}; ${process.platform})`;
