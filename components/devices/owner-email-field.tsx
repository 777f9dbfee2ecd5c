"use client";

import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { Field, TextInput } from "../ui/field";
import { fetchJson } from "../ui/fetch-json";

const SUGGESTION_MIN_LENGTH = 2;

/**
 * The owner of a new device, by email: typing suggests up to ten matching users (the page does not
 * carry a list of everyone, which at a thousand users outweighed the devices).
 */
export function OwnerEmailField({ defaultValue, error }: { defaultValue: string; error?: string }) {
  const [text, setText] = useState(defaultValue);
  const typed = useDeferredValue(text.trim());
  const { data } = useQuery({
    queryKey: ["users", "suggestions", typed],
    queryFn: ({ signal }) => fetchJson<{ users: Array<{ id: string; email: string }> }>(`/api/v1/users?q=${encodeURIComponent(typed)}`, signal),
    enabled: typed.length >= SUGGESTION_MIN_LENGTH && typed !== defaultValue,
    staleTime: 30_000,
  });
  return (
    <Field label="Owner" name="ownerEmail" error={error} hint="The owner's email; typing suggests users.">
      <TextInput name="ownerEmail" type="email" list="owner-suggestions" value={text} onChange={(event) => setText(event.target.value)} error={error} autoComplete="off" required />
      <datalist id="owner-suggestions">
        {data?.users.map((user) => <option key={user.id} value={user.email} />)}
      </datalist>
    </Field>
  );
}
