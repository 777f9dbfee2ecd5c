import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "../ui/alert";
import { cn } from "../ui/cn";
import { PageHeader } from "../ui/page-header";

const tabs = [
  { href: "/admin/settings", label: "General" },
  { href: "/admin/settings/authentication", label: "Authentication" },
  { href: "/admin/settings/security", label: "Security" },
] as const;

type SettingsTab = (typeof tabs)[number]["href"];

/**
 * One settings tab: the header, the tabs, then the cards in a grid, or a notice instead when
 * WireGUI is not set up yet (`isConfigured` false: there is no configuration row to edit).
 */
export function SettingsPage({ active, description, isConfigured = true, isSingleColumn = false, children }: { active: SettingsTab; description: string; isConfigured?: boolean; isSingleColumn?: boolean; children?: ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" description={description} />
      <SettingsTabs active={active} />
      {isConfigured ? (
        <div className={cn("grid grid-cols-1 items-start gap-6", !isSingleColumn && "lg:grid-cols-2")}>{children}</div>
      ) : (
        <Alert tone="warning">WireGUI is not set up yet. Run `npm run setup` on the server.</Alert>
      )}
    </>
  );
}

export function SettingsTabs({ active }: { active: SettingsTab }) {
  return (
    <nav aria-label="Settings sections" className="mb-6 flex gap-1 border-b border-border">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === active ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium transition",
            tab.href === active ? "border-accent text-foreground" : "border-transparent text-muted hover:text-foreground",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
