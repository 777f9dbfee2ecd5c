import Link from "next/link";
import type { ReactNode } from "react";
import { canViewAdminPages, isAdmin } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/server/guard";
import { Logo } from "./logo";
import { adminNavItems, userNavItems } from "./nav-items";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function AppShell({ user, children }: { user: Principal; children: ReactNode }) {
  return (
    <div className="min-h-screen md:flex">
      <aside className="border-b border-border bg-surface md:sticky md:top-0 md:flex md:h-screen md:w-60 md:shrink-0 md:flex-col md:border-b-0 md:border-r">
        <div className="flex items-center justify-between px-5 py-4">
          <Link href="/devices">
            <Logo />
          </Link>
        </div>
        <nav aria-label="Main" className="flex gap-1 overflow-x-auto px-3 pb-3 md:block md:flex-1 md:overflow-y-auto">
          <NavLinks items={userNavItems} />
          {canViewAdminPages(user) && <NavLinks heading="Administration" items={adminNavItems} />}
        </nav>
        <div className="hidden border-t border-border px-4 py-4 md:block">
          <p className="truncate text-sm font-medium" title={user.email}>
            {user.email}
          </p>
          <p className="mb-3 text-xs text-muted">{isAdmin(user) ? "Administrator" : "User"}</p>
          <SignOutButton />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
        <div className="mx-auto max-w-5xl">{children}</div>
        <div className="mx-auto mt-8 max-w-5xl border-t border-border pt-4 md:hidden">
          <p className="mb-2 truncate text-sm text-muted">Signed in as {user.email}</p>
          <SignOutButton />
        </div>
      </main>
    </div>
  );
}
