import "server-only";
import { getServerSession, type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { deriveNextAuthSecret } from "../crypto/keys";
import { SecretBox } from "../crypto/secret-box";
import { recordAuditEvent } from "../db/audit";
import { arePrivateIdpAddressesAllowed } from "../db/configuration";
import { findEnabledOidcProvidersWithSecrets } from "../db/sso";
import { findUserById } from "../db/users";
import { errorMessage } from "../log";
import { getEnv } from "../env";
import { getDb } from "../server/db";
import { guardedAgent, type DestinationPolicy } from "../net/guarded-agent";
import { getRequestContext } from "../request-context";
import { FETCH_LIMITS } from "../sso/fetch-text";
import { SSO_LINK_COOKIE, verifyLinkIntent } from "../sso/link-intent";
import { oidcAuthorizationParams, oidcIdentity } from "../sso/oidc-identity";
import { resolveSsoSignIn, ssoProviderRef, SsoRefusal } from "../sso/sign-in";
import { readCookie, redeemSsoTicket, SAML_BROWSER_COOKIE, SSO_TICKET_COOKIE } from "../sso/tickets";
import { oidcProviderId } from "../sso/urls";
import { LoginThrottle } from "./login-throttle";
import { SignInError, signInWithPassword } from "./password-sign-in";
import { createAuthSession, endAuthSession, resolveSession, SESSION_MAX_AGE_SECONDS } from "./sessions";

function buildAuthOptions(): NextAuthOptions {
  const env = getEnv();
  // next-auth v4 reads its base URL from NEXTAUTH_URL; it decides Secure cookies from its scheme.
  process.env.NEXTAUTH_URL ??= env.EXTERNAL_URL;
  return {
    // A key of its own (lib/crypto/keys.ts): the collector's encryption key cannot sign a session.
    secret: deriveNextAuthSecret(env.AUTH_SECRET),
    useSecureCookies: env.EXTERNAL_URL.startsWith("https://"),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Authentication code", type: "text" },
        },
        async authorize(credentials) {
          try {
            const user = await signInWithPassword(getDb(), new LoginThrottle(getDb()), {
              email: credentials?.email ?? "",
              password: credentials?.password ?? "",
              code: credentials?.code ?? "",
              // The next-auth route runs every request inside the request context.
              ip: getRequestContext()?.ip ?? null,
              secretBox: new SecretBox(getEnv().AUTH_SECRET),
            });
            return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
          } catch (error) {
            // next-auth passes the message to the sign-in form as `error`.
            if (error instanceof SignInError) throw new Error(error.message);
            throw error;
          }
        },
      }),
      // Redeems the one-time ticket the SAML ACS set as an HttpOnly cookie after validating a response.
      CredentialsProvider({
        id: "sso-ticket",
        name: "Single sign-on",
        credentials: {},
        async authorize(_credentials, req) {
          const cookieHeader = header(req.headers, "cookie");
          const user = await redeemSsoTicket(getDb(), readCookie(cookieHeader, SSO_TICKET_COOKIE) ?? "", readCookie(cookieHeader, SAML_BROWSER_COOKIE) ?? "");
          if (!user) throw new Error("The single sign-on link expired or was already used. Sign in again.");
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    events: {
      // The route handler runs in the request context: the event gets the address and user agent.
      async signOut({ token }) {
        // The server-side record goes: a copy of this cookie no longer signs anyone in.
        await endAuthSession(getDb(), token?.sid);
        const user = token?.sub ? await findUserById(getDb(), token.sub) : null;
        await recordAuditEvent(getDb(), { actor: user && { id: user.id, email: user.email }, action: "auth.sign_out", details: { email: user?.email ?? token?.email ?? null } });
      },
    },
    callbacks: {
      // OIDC identities become WireGUI users here; a refusal sends the person to the sign-in page with its code.
      async signIn({ user, account, profile }) {
        const slug = account?.provider.startsWith("oidc-") ? account.provider.slice("oidc-".length) : null;
        if (!slug || account?.type !== "oauth") return true;
        const db = getDb();
        const provider = await db.oidcProvider.findUnique({ where: { slug } });
        if (!provider?.isEnabled) return "/login?error=sso_failed";
        try {
          const resolved = await resolveSsoSignIn(
            db,
            ssoProviderRef("oidc", provider),
            oidcIdentity(account.providerAccountId, (profile ?? {}) as Record<string, unknown>, provider),
            // Runs inside the next-auth route handler, where the request's headers are available.
            { ip: getRequestContext()?.ip ?? null, linkUserId: await linkingUserId(provider.id) },
          );
          // next-auth hands this same object to the jwt callback: the session gets the WireGUI user.
          Object.assign(user, { id: resolved.id, email: resolved.email, name: resolved.name, sessionVersion: resolved.sessionVersion });
          return true;
        } catch (error) {
          if (error instanceof SsoRefusal) return `/login?error=sso_${error.code}`;
          throw error;
        }
      },
      // The token carries only identity and the server-side session's id; role, disabled state and
      // theme are read from the database per request. `user` is set only at sign-in.
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          token.sid = await createAuthSession(getDb(), user.id);
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub, sessionId: token.sid, sessionVersion: token.sessionVersion };
      },
    },
  };
}

/**
 * The signed-in user connecting this provider from their account page, if any: the link cookie must
 * name this provider and the user whose session cookie came with the callback.
 */
async function linkingUserId(providerId: string): Promise<string | null> {
  const jar = await cookies();
  const intent = verifyLinkIntent(getEnv().AUTH_SECRET, jar.get(SSO_LINK_COOKIE)?.value);
  if (!intent || intent.providerId !== providerId) return null;
  // Used once, whatever happens next.
  jar.set(SSO_LINK_COOKIE, "", { path: "/api/auth", maxAge: 0 });
  // The same checks as every page: a signed-out session, one ended by a password reset or a disabled user cannot link.
  const session = await resolveSession(getDb(), await getServerSession(getAuthOptions()));
  return session?.user.id === intent.userId ? session.user.id : null;
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value.join(",") : typeof value === "string" ? value : undefined;
}

let cached: NextAuthOptions | undefined;

/** Enough to read sessions (getServerSession): the OIDC providers do not matter there. */
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

/**
 * For the next-auth route: the base options plus one OIDC provider per enabled row, read per request
 * so an admin's change applies without a restart or rebuild.
 */
export async function getAuthOptionsWithSso(): Promise<NextAuthOptions> {
  const base = getAuthOptions();
  const rows = await findEnabledOidcProvidersWithSecrets(getDb());
  const box = new SecretBox(getEnv().AUTH_SECRET);
  const policy = { allowPrivate: rows.length > 0 && (await arePrivateIdpAddressesAllowed(getDb())) };
  const oidc = rows.flatMap((row) => {
    // One unreadable secret (AUTH_SECRET changed) must not take password sign-in down with it.
    let clientSecret: string;
    try {
      clientSecret = box.open(row.clientSecretEncrypted);
    } catch (error) {
      console.error(`[sso] OIDC provider ${row.slug} left out: ${errorMessage(error)}`);
      return [];
    }
    return [oidcProvider(row, clientSecret, policy)];
  });
  return { ...base, providers: [...base.providers, ...oidc] };
}

function oidcProvider(
  row: { slug: string; label: string; discoveryUrl: string; clientId: string; scopes: string; requireMfa: boolean; mfaAcrValues: string[] },
  clientSecret: string,
  policy: DestinationPolicy,
) {
  return {
    // openid-client's own requests (discovery, token, userinfo, JWKS) go through the same guard as
    // the admin's save: public addresses only unless allowed, connected to the address checked.
    httpOptions: { agent: guardedAgent(policy), timeout: FETCH_LIMITS.timeoutMs },
    id: oidcProviderId(row.slug),
    name: row.label,
    type: "oauth" as const,
    wellKnown: row.discoveryUrl,
    clientId: row.clientId,
    clientSecret,
    authorization: { params: oidcAuthorizationParams(row) },
    idToken: true,
    checks: ["pkce" as const, "state" as const, "nonce" as const],
    profile: (profile: { sub: string; email?: string; name?: string }) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? null }),
  };
}
