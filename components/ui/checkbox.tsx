import type { InputHTMLAttributes, ReactNode } from "react";

/** A labelled checkbox; the form reads it as `form.get(name) === "on"`. */
export function Checkbox({ label, hint, error, ...props }: InputHTMLAttributes<HTMLInputElement> & { name: string; label: ReactNode; hint?: ReactNode; error?: string }) {
  return (
    <div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" id={props.name} className="mt-0.5 size-4 shrink-0 accent-[var(--accent)]" aria-invalid={error ? true : undefined} {...props} />
        <span>
          {label}
          {hint && <span className="block text-xs text-muted">{hint}</span>}
        </span>
      </label>
      {error && (
        <p role="alert" className="mt-1 text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
