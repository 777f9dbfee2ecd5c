// Local OpenID Provider for the Playwright e2e tests (oidc-provider, in memory).
// Any login is accepted (trimmed, lower-cased): it becomes the account, with sub "sub-<login>" and
// email "<login>" (or "<login>@oidc.test" when it has no "@"). A "#tag" at the end makes another
// identity (another sub) with the same email: "admin@wiregui.test#evil" is someone else claiming the
// admin's address. The login form's "second factor" box sets amr/acr in the ID token as an IdP that
// did (or did not) ask for a one-time code.
// Run: node --import tsx e2e/idp/oidc/server.ts
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_IDP_PORT ?? 3101);
const issuer = `http://127.0.0.1:${port}`;
const clientId = process.env.OIDC_CLIENT_ID ?? "wiregui-e2e";
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? "wiregui-e2e-secret-0123456789abcdef";
const redirectUris = (process.env.OIDC_REDIRECT_URIS ?? "http://127.0.0.1:3100/api/auth/callback/oidc-e2e-oidc")
  .split(",")
  .map((uri) => uri.trim())
  .filter(Boolean);

// Fresh signing key per run; the RP fetches it from jwks_uri.
const signingKey = { ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), kid: "e2e", use: "sig", alg: "RS256" };

const SUB_PREFIX = "sub-";
const SESSION_COOKIE = "e2e_idp_session";

/** acr for a sign-in with a second factor (OpenID PAPE multi-factor); "0" without one. */
const MFA_ACR = "http://schemas.openid.net/pape/policies/2007/06/multi-factor";

function claimsFor(login: string) {
  const address = login.split("#")[0]!;
  const email = address.includes("@") ? address : `${address}@oidc.test`;
  const name = email.split("@")[0]!.split(/[._+-]+/).filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1)).join(" ");
  return { sub: SUB_PREFIX + login, email, email_verified: true, name: name || login };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Self-contained pages: the built-in ones @import Google Fonts, which an offline test must not fetch.
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    grant_types: ["authorization_code"],
    response_types: ["code"],
  }],
  // oidc-provider takes the secret by either method whatever the client registered.
  clientAuthMethods: ["client_secret_basic", "client_secret_post"],
  jwks: { keys: [signingKey] },
  cookies: {
    keys: [randomBytes(32).toString("base64url")],
    // Cookies ignore ports, so keep clear of the app's names on 127.0.0.1.
    names: { session: SESSION_COOKIE, interaction: "e2e_idp_interaction", resume: "e2e_idp_resume" },
  },
  // acr and amr come from the login (interactionFinished), not from the account's claims.
  claims: { openid: ["sub", "acr", "amr"], email: ["email", "email_verified"], profile: ["name"] },
  acrValues: ["0", MFA_ACR],
  // next-auth with idToken: true reads the profile from the ID token alone.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  // Explicit lifetimes (seconds), which also silences oidc-provider's notices about the defaults.
  ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 3600, IdToken: 3600 },
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // Consent is implied: every requested scope is granted without a page.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.account!.accountId });
    grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(" "));
    grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
    await grant.save();
    return grant;
  },
  async findAccount(_ctx, id) {
    if (!id.startsWith(SUB_PREFIX)) return undefined;
    return { accountId: id, claims: async () => claimsFor(id.slice(SUB_PREFIX.length)) };
  },
  async renderError(ctx, out) {
    ctx.type = "html";
    ctx.body = page("oops! something went wrong",
      Object.entries(out).map(([k, v]) => `<pre>${escapeHtml(k)}: ${escapeHtml(String(v))}</pre>`).join(""));
  },
});

async function readForm(req: IncomingMessage) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function loginPage(uid: string, loginHint: string, error?: string) {
  return page("Sign-in", `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<p>E2E test identity provider: any login is accepted, no password.</p>
<form method="post" action="/interaction/${uid}/login">
  <label for="login">Login</label>
  <input id="login" name="login" autocomplete="off" autofocus value="${escapeHtml(loginHint)}">
  <label><input type="checkbox" name="second_factor"> Used a second factor (one-time code)</label>
  <button type="submit">Sign-in</button>
</form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>`);
}

// Forget the IdP session at each new authorization request: every sign-in shows
// the login form, and signing in as someone else skips oidc-provider's logout step.
provider.middleware.unshift(async (ctx, next) => {
  if (/^\/auth(\/|$)/.test(ctx.path) && ctx.headers.cookie) {
    ctx.headers.cookie = ctx.headers.cookie.split(/;\s*/).filter((c) => !c.startsWith(SESSION_COOKIE)).join("; ");
  }
  return next();
});

// The interaction routes; the provider's own router has already passed on any other path.
provider.use(async (ctx, next) => {
  const match = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(ctx.path);
  if (!match) return next();
  ctx.set("cache-control", "no-store");
  const { uid, params } = await provider.interactionDetails(ctx.req, ctx.res);
  const action = match[2];
  if (ctx.method === "GET" && !action) {
    ctx.type = "html";
    ctx.body = loginPage(uid, typeof params.login_hint === "string" ? params.login_hint : "");
  } else if (ctx.method === "POST" && action === "/login") {
    const form = await readForm(ctx.req);
    const login = (form.get("login") ?? "").trim().toLowerCase();
    const hasSecondFactor = form.get("second_factor") === "on";
    if (!login) {
      ctx.status = 400;
      ctx.type = "html";
      ctx.body = loginPage(uid, "", "Enter a login.");
      return;
    }
    const authn = hasSecondFactor ? { amr: ["pwd", "otp"], acr: MFA_ACR } : { amr: ["pwd"], acr: "0" };
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: SUB_PREFIX + login, ...authn } }, { mergeWithLastSubmission: false });
  } else if (ctx.method === "POST" && action === "/abort") {
    await provider.interactionFinished(ctx.req, ctx.res,
      { error: "access_denied", error_description: "End-User aborted interaction" }, { mergeWithLastSubmission: false });
  } else {
    return next();
  }
});

const server = provider.listen(port, "127.0.0.1", () => {
  console.log(`e2e OIDC IdP listening on ${issuer} (client ${clientId}, redirect ${redirectUris.join(" ")})`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
