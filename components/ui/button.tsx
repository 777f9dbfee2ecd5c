import type { ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

const variants = {
  primary: "bg-accent text-accent-foreground hover:opacity-90",
  secondary: "border border-border bg-surface text-foreground hover:bg-surface-muted",
  danger: "bg-danger text-white hover:opacity-90",
  ghost: "text-muted hover:bg-surface-muted hover:text-foreground",
} as const;

export function Button({ variant = "primary", isPending = false, className, children, disabled, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: keyof typeof variants;
  isPending?: boolean;
}) {
  return (
    <button
      {...props}
      disabled={disabled || isPending}
      aria-busy={isPending || undefined}
      className={cn(
        "inline-flex items-center justify-center gap-2 rounded-lg px-3.5 py-2 text-sm font-medium transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:cursor-not-allowed disabled:opacity-60",
        variants[variant],
        className,
      )}
    >
      {isPending && <span className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />}
      {children}
    </button>
  );
}
