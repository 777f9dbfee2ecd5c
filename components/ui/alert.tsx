import type { ReactNode } from "react";
import { cn } from "./cn";

const tones = {
  error: "border-danger/40 bg-danger-surface text-danger",
  success: "border-success/40 bg-success-surface text-success",
  warning: "border-warning/40 bg-warning-surface text-warning",
  info: "border-border bg-surface-muted text-foreground",
} as const;

export function Alert({ tone = "info", children }: { tone?: keyof typeof tones; children: ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("rounded-lg border px-3.5 py-2.5 text-sm", tones[tone])}>
      {children}
    </div>
  );
}
