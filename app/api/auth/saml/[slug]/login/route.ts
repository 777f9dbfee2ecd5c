import { safeCallbackPath } from "@/lib/auth/callback-path";
import { findSamlProviderBySlug } from "@/lib/db/sso";
import { errorMessage } from "@/lib/log";
import { getCurrentUser } from "@/lib/server/session";
import { samlContext, signInErrorUrl } from "@/lib/server/sso";
import { startSamlLogin } from "@/lib/sso/saml-sp";

// SP-initiated login: stores the AuthnRequest id and sends the browser to the IdP.
// `?link=1` connects the provider to the signed-in user's account instead of signing in.
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const query = new URL(request.url).searchParams;
  const context = samlContext();
  const provider = await findSamlProviderBySlug(context.db, slug);
  if (!provider?.isEnabled) return Response.redirect(signInErrorUrl("failed"), 303);
  let linkUserId: string | null = null;
  if (query.get("link") === "1") {
    const user = await getCurrentUser();
    if (!user) return Response.redirect(new URL("/login", request.url), 303);
    linkUserId = user.id;
  }
  try {
    const url = await startSamlLogin(context, provider, { callbackPath: safeCallbackPath(query.get("callbackUrl") ?? (linkUserId ? "/account" : undefined)), linkUserId });
    return Response.redirect(url, 303);
  } catch (error) {
    console.error(`[saml] ${slug}: could not build the AuthnRequest: ${errorMessage(error)}`);
    return Response.redirect(signInErrorUrl("failed"), 303);
  }
}
