import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { getAuthOptionsWithSso } from "@/lib/auth/next-auth-options";
import { requestContextFrom, runWithRequestContext } from "@/lib/request-context";
import { errorAnswer } from "@/lib/server/http";
import { BODY_LIMITS, BodyTimeoutError, BodyTooLargeError, readTextCapped } from "@/lib/server/request-body";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth's own handler does its CSRF and session checks; the OIDC providers are read per request.
// Sign-ins, refusals and sign-outs it audits get the caller's address and user agent.
async function handler(request: NextRequest, context: Context) {
  return runWithRequestContext(requestContextFrom(request.headers), async () => NextAuth(await getAuthOptionsWithSso())(request, context));
}

/**
 * next-auth reads a POST body in full; its form posts are a few short fields, so the body is read here
 * first through a small cap (64 KiB) and a deadline, and next-auth gets the bounded copy.
 */
async function POST(request: NextRequest, context: Context) {
  let body: string;
  try {
    body = await readTextCapped(request, { maxBytes: BODY_LIMITS.authForm });
  } catch (error) {
    if (error instanceof BodyTooLargeError || error instanceof BodyTimeoutError) return errorAnswer(request, error);
    throw error;
  }
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return handler(new NextRequest(request.url, { method: "POST", headers, body }), context);
}

export { handler as GET, POST };
