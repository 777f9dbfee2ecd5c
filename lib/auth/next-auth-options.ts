import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "../env";
import { getDb } from "../server/db";
import { clientIpFrom } from "../server/client-ip";
import { getLoginThrottle } from "./login-throttle";
import { SignInError, signInWithPassword } from "./password-sign-in";

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

function buildAuthOptions(): NextAuthOptions {
  const env = getEnv();
  // next-auth v4 reads its base URL from NEXTAUTH_URL; it decides Secure cookies from its scheme.
  process.env.NEXTAUTH_URL ??= env.EXTERNAL_URL;
  return {
    secret: env.AUTH_SECRET,
    useSecureCookies: env.EXTERNAL_URL.startsWith("https://"),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const forwardedFor = req.headers?.["x-forwarded-for"];
          try {
            const user = await signInWithPassword(getDb(), getLoginThrottle(), {
              email: credentials?.email ?? "",
              password: credentials?.password ?? "",
              ip: clientIpFrom(Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor),
            });
            return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
          } catch (error) {
            // next-auth passes the message to the sign-in form as `error`.
            if (error instanceof SignInError) throw new Error(error.message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      // The token carries only identity; role, disabled state and theme are read from the database per request.
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub, sessionVersion: token.sessionVersion };
      },
    },
  };
}

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
