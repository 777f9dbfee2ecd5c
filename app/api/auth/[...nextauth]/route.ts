import NextAuth from "next-auth";
import { getAuthOptionsWithSso } from "@/lib/auth/next-auth-options";

// next-auth's own handler does its CSRF and session checks; the OIDC providers are read per request.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(await getAuthOptionsWithSso())(request, context);
}

export { handler as GET, handler as POST };
