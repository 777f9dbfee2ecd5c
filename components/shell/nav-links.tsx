"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "../ui/cn";
import type { NavItem } from "./nav-items";

export function NavLinks({ heading, items }: { heading?: string; items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <div className="contents md:block">
      {heading && <p className="hidden px-3 pb-1 pt-4 text-xs font-semibold uppercase tracking-wide text-muted md:block">{heading}</p>}
      <ul className="contents md:block md:space-y-0.5">
        {items.map((item) => {
          const isActive = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={isActive ? "page" : undefined}
                className={cn(
                  "block whitespace-nowrap rounded-lg px-3 py-2 text-sm font-medium transition",
                  isActive ? "bg-accent/12 text-accent" : "text-muted hover:bg-surface-muted hover:text-foreground",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
