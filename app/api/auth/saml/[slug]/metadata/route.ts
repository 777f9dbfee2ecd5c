import { findSamlProviderBySlug } from "@/lib/db/sso";
import { samlContext } from "@/lib/server/sso";
import { samlServiceProviderMetadata } from "@/lib/sso/saml-sp";

// Public by design: the IdP administrator (or the IdP itself) reads the SP's entity id, ACS and certificate here.
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const context = samlContext();
  const provider = await findSamlProviderBySlug(context.db, slug);
  if (!provider) return Response.json({ error: "No such SAML provider." }, { status: 404 });
  return new Response(samlServiceProviderMetadata(context, provider), { headers: { "content-type": "application/samlmetadata+xml; charset=utf-8" } });
}
