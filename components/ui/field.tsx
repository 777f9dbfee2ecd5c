import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

const controlClass =
  "w-full rounded-lg border bg-surface px-3 py-2 text-sm text-foreground placeholder:text-muted focus:outline-2 focus:outline-offset-0 focus:outline-accent";

/** A labelled control with its validation message underneath. */
export function Field({ label, name, error, hint, children }: { label: string; name: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${name}-error`} role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : (
        hint && <p className="text-xs text-muted">{hint}</p>
      )}
    </div>
  );
}

export function TextInput({ name, error, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { name: string; error?: string }) {
  return (
    <input
      id={name}
      name={name}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${name}-error` : undefined}
      className={cn(controlClass, error ? "border-danger" : "border-border", className)}
      {...props}
    />
  );
}

export function SelectInput({ name, error, className, children, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { name: string; error?: string }) {
  return (
    <select
      id={name}
      name={name}
      aria-invalid={error ? true : undefined}
      className={cn(controlClass, error ? "border-danger" : "border-border", className)}
      {...props}
    >
      {children}
    </select>
  );
}

export function TextArea({ name, error, className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; error?: string }) {
  return (
    <textarea
      id={name}
      name={name}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${name}-error` : undefined}
      className={cn(controlClass, "font-mono text-xs", error ? "border-danger" : "border-border", className)}
      {...props}
    />
  );
}
