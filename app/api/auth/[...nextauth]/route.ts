import NextAuth from "next-auth";
import { getAuthOptionsWithSso } from "@/lib/auth/next-auth-options";
import { requestContextFrom, runWithRequestContext } from "@/lib/request-context";

// next-auth's own handler does its CSRF and session checks; the OIDC providers are read per request.
// Sign-ins, refusals and sign-outs it audits get the caller's address and user agent.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return runWithRequestContext(requestContextFrom(request.headers), async () => NextAuth(await getAuthOptionsWithSso())(request, context));
}

export { handler as GET, handler as POST };
