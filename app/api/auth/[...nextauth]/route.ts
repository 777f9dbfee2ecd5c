import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/next-auth-options";

// next-auth's own handler does its CSRF and session checks; the options are built per process.
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(getAuthOptions())(request, context);
}

export { handler as GET, handler as POST };
