"use client";

import { useState } from "react";
import { Button } from "./button";

/**
 * A value someone copies into another system (an IdP's settings), with a Copy button. With
 * `displayValue` (e.g. a secret in groups of four, for typing by hand) that text is shown in full.
 */
export function CopyField({ label, value, displayValue }: { label: string; value: string; displayValue?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="min-w-0 space-y-1">
      <div className="text-xs font-medium text-muted">{label}</div>
      <div className="flex items-center gap-2">
        <code
          className={`min-w-0 flex-1 rounded-md border border-border bg-surface-muted px-2.5 py-1.5 text-xs ${displayValue ? "break-words tracking-wide" : "truncate"}`}
          title={value}
          aria-label={label}
        >
          {displayValue ?? value}
        </code>
        <Button
          type="button"
          variant="secondary"
          className="shrink-0 px-2.5 py-1 text-xs"
          aria-label={`Copy ${label}`}
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
