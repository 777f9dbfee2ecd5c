import { NextResponse } from "next/server";
import { findSamlProviderBySlug } from "@/lib/db/sso";
import { getEnv } from "@/lib/env";
import { errorMessage } from "@/lib/log";
import { requestContextFrom, runWithRequestContext } from "@/lib/request-context";
import { clientIpFrom } from "@/lib/server/client-ip";
import { closingUnreadBody, errorAnswer } from "@/lib/server/http";
import { BODY_LIMITS, BodyTimeoutError, BodyTooLargeError, readTextCapped } from "@/lib/server/request-body";
import { samlContext, signInErrorUrl } from "@/lib/server/sso";
import { consumeSamlResponse } from "@/lib/sso/saml-sp";
import { SsoRefusal } from "@/lib/sso/sign-in";
import { issueSsoTicket, SSO_TICKET_COOKIE, SSO_TICKET_TTL_SECONDS } from "@/lib/sso/tickets";

// The Assertion Consumer Service (HTTP-POST binding). A valid response becomes a one-time ticket in an
// HttpOnly cookie; /login/sso redeems it through next-auth, so the session is a normal next-auth one.
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // The sign-in and every refusal are audited with the caller's address and user agent.
  return runWithRequestContext(requestContextFrom(request.headers), async () => closingUnreadBody(request, await consume(request, slug)));
}

async function consume(request: Request, slug: string) {
  const context = samlContext();
  const provider = await findSamlProviderBySlug(context.db, slug);
  if (!provider?.isEnabled) return Response.redirect(signInErrorUrl("failed"), 303);
  // The HTTP-POST binding sends a urlencoded form; it is read through the ACS cap (512 KiB).
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return Response.redirect(signInErrorUrl("failed"), 303);
  }
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(await readTextCapped(request, { maxBytes: BODY_LIMITS.samlAcs }));
  } catch (error) {
    if (error instanceof BodyTooLargeError || error instanceof BodyTimeoutError) return errorAnswer(request, error);
    throw error;
  }
  const samlResponse = form.get("SAMLResponse");
  try {
    const result = await consumeSamlResponse(context, provider, { SAMLResponse: typeof samlResponse === "string" ? samlResponse : null }, { ip: clientIpFrom(request.headers) });
    const ticket = await issueSsoTicket(context.db, { userId: result.user.id, method: result.method, browserHash: result.browserHash });
    const next = new URL("/login/sso", getEnv().EXTERNAL_URL);
    next.searchParams.set("callbackUrl", result.callbackPath);
    const response = NextResponse.redirect(next, 303);
    response.cookies.set(SSO_TICKET_COOKIE, ticket, {
      httpOnly: true,
      sameSite: "lax",
      secure: getEnv().EXTERNAL_URL.startsWith("https://"),
      path: "/",
      maxAge: SSO_TICKET_TTL_SECONDS,
    });
    return response;
  } catch (error) {
    if (error instanceof SsoRefusal) return Response.redirect(signInErrorUrl(error.code), 303);
    console.error(`[saml] ${slug}: unexpected error at the ACS: ${errorMessage(error)}`);
    return Response.redirect(signInErrorUrl("failed"), 303);
  }
}
