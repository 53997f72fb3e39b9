// A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1, for the single
// sign-on tests. Tests never reach a real identity provider.
//
//   const idp = await startOidcFixture({ redirectUris: ["http://localhost:3223/api/auth/callback/oidc"] });
//   env: { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret }
//   idp.setAccount("eve", { groups: ["iomt-engineers"] });    // in-process
//   POST <issuer>/test/accounts/eve {"groups":["iomt-viewers"]}  // from another process (e2e)
//   await idp.close();
//
// One confidential client (client_secret_basic, code flow with PKCE). A person signs in on the
// provider's own page (oidc-provider's development interactions) by typing their login name: any
// password is accepted, as only known login names (the accounts table) can finish. Consent is
// granted at once, as a hospital's provider does for its own applications. The ID token carries
// email, name and the groups claim (like Entra ID's and Keycloak's groups claims).
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export type FixtureAccount = { email: string; name: string; groups: string[] };

export type OidcFixture = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or changes a person (their login name is also their subject). */
  setAccount(login: string, account: Partial<FixtureAccount>): FixtureAccount;
  close(): Promise<void>;
};

export type OidcFixtureOptions = {
  port?: number;
  redirectUris: string[];
  accounts?: Record<string, FixtureAccount>;
  groupsClaim?: string;
};

const CLIENT_ID = "iomt-dashboard";
const CLIENT_SECRET = "fixture-client-secret-not-for-production";
const MAX_CONTROL_BODY = 64 * 1024;

function makeProvider(issuer: string, options: OidcFixtureOptions, accounts: Map<string, FixtureAccount>): Provider {
  const groupsClaim = options.groupsClaim ?? "groups";
  const configuration: Configuration = {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: options.redirectUris, grant_types: ["authorization_code"], response_types: ["code"] }],
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, email: account.email, email_verified: true, name: account.name, [groupsClaim]: account.groups }) };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", groupsClaim] },
    // The claims in the ID token itself, as Entra ID and Keycloak send them (the dashboard reads the ID token).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["oidc-fixture-cookie-key-0123456789"] },
    pkce: { required: () => true },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };
  return new Provider(issuer, configuration);
}

/** POST /test/accounts/<login> {email?, name?, groups?}: changes a person from another process. */
async function control(req: http.IncomingMessage, res: http.ServerResponse, set: OidcFixture["setAccount"]) {
  const login = decodeURIComponent(req.url!.slice("/test/accounts/".length));
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_CONTROL_BODY) return void res.writeHead(413).end();
  }
  try {
    const account = set(login, JSON.parse(body || "{}") as Partial<FixtureAccount>);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(account));
  } catch (error) {
    res.writeHead(400).end(String(error));
  }
}

export async function startOidcFixture(options: OidcFixtureOptions): Promise<OidcFixture> {
  const accounts = new Map(Object.entries(options.accounts ?? {}));
  const setAccount: OidcFixture["setAccount"] = (login, change) => {
    if (!/^[\w.-]{1,64}$/.test(login)) throw new Error(`bad login name: ${login}`);
    const account = { email: `${login}@hospital.test`, name: login, groups: [], ...accounts.get(login), ...change };
    accounts.set(login, account);
    return account;
  };
  let handle: http.RequestListener = (_req, res) => void res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = makeProvider(issuer, options, accounts);
  const oidc = provider.callback();
  handle = (req, res) => {
    if (req.method === "POST" && req.url?.startsWith("/test/accounts/")) return void control(req, res, setAccount);
    return void oidc(req, res);
  };
  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    setAccount,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
