import { NextResponse } from "next/server";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { findSamlProviderBySlug } from "@/lib/db/sso";
import { getEnv } from "@/lib/env";
import { errorMessage } from "@/lib/log";
import { isRecentlyAuthenticated } from "@/lib/auth/reauthentication";
import { closingUnreadBody } from "@/lib/server/http";
import { getCurrentSession } from "@/lib/server/session";
import { samlContext, signInErrorUrl } from "@/lib/server/sso";
import { startSamlLogin } from "@/lib/sso/saml-sp";
import { newBrowserNonce, SAML_BROWSER_COOKIE } from "@/lib/sso/tickets";

type Params = { params: Promise<{ slug: string }> };

// SP-initiated login: stores the AuthnRequest id with a hash of a nonce cookie set on this browser
// (only this browser can finish the login), then sends the browser to the IdP.
export async function GET(request: Request, { params }: Params) {
  return start((await params).slug, new URL(request.url).searchParams.get("callbackUrl"), null);
}

/**
 * Connects the provider to the signed-in user's account. A POST from our own pages only: a link
 * silently started by another site could re-attach an identity the user had disconnected.
 */
export async function POST(request: Request, { params }: Params) {
  // Its body is never read: the connection closes after the answer instead of waiting for one.
  return closingUnreadBody(request, await connect(request, (await params).slug));
}

async function connect(request: Request, slug: string) {
  if (request.headers.get("origin") !== new URL(getEnv().EXTERNAL_URL).origin) return Response.json({ error: "Cross-site request refused." }, { status: 403 });
  const session = await getCurrentSession();
  if (!session) return NextResponse.redirect(new URL("/login", getEnv().EXTERNAL_URL), 303);
  // The account page confirms the password first (confirmRecentAuthenticationAction); a form sent
  // later than that, or from elsewhere, goes back to the account page.
  if (!isRecentlyAuthenticated(session)) return NextResponse.redirect(new URL("/account?reauthenticate=1", getEnv().EXTERNAL_URL), 303);
  return start(slug, "/account", session.user.id);
}

async function start(slug: string, callbackUrl: string | null, linkUserId: string | null) {
  const context = samlContext();
  const provider = await findSamlProviderBySlug(context.db, slug);
  if (!provider?.isEnabled) return NextResponse.redirect(signInErrorUrl("failed"), 303);
  const browser = newBrowserNonce();
  try {
    const url = await startSamlLogin(context, provider, { callbackPath: safeCallbackPath(callbackUrl ?? undefined), linkUserId, browserHash: browser.hash });
    const response = NextResponse.redirect(url, 303);
    response.cookies.set(SAML_BROWSER_COOKIE, browser.nonce, {
      httpOnly: true,
      sameSite: "lax",
      secure: context.externalUrl.startsWith("https://"),
      path: "/",
      maxAge: 10 * 60,
    });
    return response;
  } catch (error) {
    console.error(`[saml] ${slug}: could not build the AuthnRequest: ${errorMessage(error)}`);
    return NextResponse.redirect(signInErrorUrl("failed"), 303);
  }
}
