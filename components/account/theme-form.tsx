"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { updateTheme } from "@/app/(app)/account/actions";
import { Alert } from "../ui/alert";
import { cn } from "../ui/cn";
import { useServerAction } from "../ui/use-server-action";

const options = [
  { value: "light", label: "Light", hint: "Always light" },
  { value: "dark", label: "Dark", hint: "Always dark" },
  { value: "auto", label: "Auto", hint: "Follows your system" },
] as const;

type ThemeValue = (typeof options)[number]["value"];

export function ThemeForm({ current }: { current: ThemeValue }) {
  const router = useRouter();
  const [selected, setSelected] = useState<ThemeValue>(current);
  const action = useServerAction(updateTheme, {
    onSuccess: ({ theme }) => {
      document.documentElement.dataset.theme = theme;
      router.refresh();
    },
  });
  return (
    <fieldset className="space-y-3">
      <legend className="sr-only">Theme</legend>
      <div className="grid grid-cols-3 gap-2">
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              "cursor-pointer rounded-lg border px-3 py-2.5 text-center text-sm transition",
              selected === option.value ? "border-accent bg-accent/10 font-medium text-accent" : "border-border hover:bg-surface-muted",
            )}
          >
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={selected === option.value}
              className="sr-only"
              onChange={() => {
                setSelected(option.value);
                action.run({ theme: option.value });
              }}
            />
            {option.label}
            <span className="block text-xs font-normal text-muted">{option.hint}</span>
          </label>
        ))}
      </div>
      {action.error && <Alert tone="error">{action.error}</Alert>}
    </fieldset>
  );
}
