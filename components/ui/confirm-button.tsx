"use client";

import { useState, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { Dialog } from "./dialog";

/** A button that asks first: the dialog explains the consequence and shows the server's refusal, if any. */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  isPending,
  error,
  variant = "danger",
  buttonClassName,
}: {
  label: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  isPending: boolean;
  error: string | null;
  variant?: "danger" | "secondary";
  buttonClassName?: string;
}) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button type="button" variant={variant} className={buttonClassName} onClick={() => setIsOpen(true)}>
        {label}
      </Button>
      <Dialog isOpen={isOpen} onClose={() => setIsOpen(false)} title={title}>
        <div className="space-y-4">
          {/* text-left: the button often sits in a right-aligned table cell, which the dialog would inherit. */}
          <div className="text-left text-sm text-muted">{children}</div>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setIsOpen(false)}>
              Cancel
            </Button>
            <Button type="button" variant="danger" isPending={isPending} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
