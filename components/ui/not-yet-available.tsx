import type { ReactNode } from "react";
import { Card } from "./card";
import { EmptyState } from "./empty-state";

/** For pages whose feature has not shipped yet: says so plainly instead of showing controls that do nothing. */
export function NotYetAvailable({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <EmptyState
        title={title}
        icon={
          <svg viewBox="0 0 24 24" className="size-10" fill="none" stroke="currentColor" strokeWidth={1.5}>
            <circle cx="12" cy="12" r="9" />
            <path d="M12 7v5l3 2" strokeLinecap="round" />
          </svg>
        }
      >
        {children}
      </EmptyState>
    </Card>
  );
}
