import Link from "next/link";
import { cn } from "../ui/cn";

const tabs = [
  { href: "/admin/settings", label: "General" },
  { href: "/admin/settings/authentication", label: "Authentication" },
  { href: "/admin/settings/security", label: "Security" },
] as const;

export function SettingsTabs({ active }: { active: (typeof tabs)[number]["href"] }) {
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
