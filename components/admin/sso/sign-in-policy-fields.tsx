"use client";

import { useState } from "react";
import { Checkbox } from "../../ui/checkbox";
import { Field, TextArea } from "../../ui/field";

export interface PolicyValueList {
  name: string;
  label: string;
  hint: string;
  /** The stored values; the defaults fill the box while none are stored. */
  values: readonly string[] | undefined;
  defaults: readonly string[];
}

/**
 * The two security switches both provider forms share: linking by email, and requiring the IdP to
 * report multi-factor authentication (with the values that count, shown while it is on).
 */
export function SignInPolicyFields({
  prefix,
  policy,
  lists,
  emailNote,
  error,
}: {
  prefix: string;
  /** Which emails count, for this protocol. */
  emailNote: string;
  policy?: { linkByEmail: boolean; requireMfa: boolean };
  lists: PolicyValueList[];
  error: (name: string) => string | undefined;
}) {
  const [requireMfa, setRequireMfa] = useState(policy?.requireMfa ?? false);
  return (
    <fieldset className="space-y-3 rounded-lg border border-border p-3">
      <legend className="px-1 text-sm font-medium">Account linking and MFA</legend>
      <Checkbox
        name={prefix + "linkByEmail"}
        label="Link existing accounts by email"
        hint={`A first sign-in joins the user with the same email (${emailNote}). Never an administrator or an account with a password or an authenticator: those connect from their Account page.`}
        defaultChecked={policy?.linkByEmail ?? false}
        error={error("linkByEmail")}
      />
      <Checkbox
        name={prefix + "requireMfa"}
        label="Require the identity provider to report multi-factor authentication"
        hint="Sign-ins whose token or assertion does not report one of the values below are refused."
        checked={requireMfa}
        onChange={(event) => setRequireMfa(event.target.checked)}
        error={error("requireMfa")}
      />
      {/* Hidden, not removed, while off: the values are kept for when it is turned on again. */}
      <div className={lists.length > 1 ? "grid gap-4 md:grid-cols-2" : "grid gap-4"} hidden={!requireMfa}>
          {lists.map((list) => (
            <Field key={list.name} label={list.label} name={prefix + list.name} error={error(list.name)} hint={list.hint}>
              <TextArea name={prefix + list.name} rows={5} defaultValue={(list.values?.length ? list.values : list.defaults).join("\n")} error={error(list.name)} />
            </Field>
          ))}
      </div>
    </fieldset>
  );
}
