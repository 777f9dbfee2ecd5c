"use client";

import { useState, type ReactNode } from "react";
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";

/** A button opening a dialog with a form; the form calls `close` once saved. */
export function FormDialogButton({ label, title, variant = "primary", children }: { label: string; title: string; variant?: "primary" | "secondary"; children: (close: () => void) => ReactNode }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button type="button" variant={variant} onClick={() => setIsOpen(true)}>
        {label}
      </Button>
      <Dialog isOpen={isOpen} onClose={() => setIsOpen(false)} title={title} wide>
        {children(() => setIsOpen(false))}
      </Dialog>
    </>
  );
}
