import Link from "next/link";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import type { AuditFilterValues } from "@/lib/audit/filters";
import { Button } from "../ui/button";
import { Field, SelectInput, TextInput } from "../ui/field";

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked or shared. */
export function AuditFilters({ values }: { values: AuditFilterValues }) {
  const isFiltered = Object.values(values).some(Boolean);
  return (
    <form role="search" aria-label="Filter audit events" method="get" action="/admin/audit" className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-[1fr_1fr_10rem_10rem_1fr_auto]">
      <Field label="Actor email" name="actor">
        <TextInput name="actor" type="search" defaultValue={values.actor} placeholder="Contains…" />
      </Field>
      <Field label="Action" name="action">
        <SelectInput name="action" defaultValue={values.action}>
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map(({ code, label }) => (
            <option key={code} value={code}>
              {label} ({code})
            </option>
          ))}
        </SelectInput>
      </Field>
      <Field label="From" name="from">
        <TextInput name="from" type="date" defaultValue={values.from} />
      </Field>
      <Field label="To" name="to">
        <TextInput name="to" type="date" defaultValue={values.to} />
      </Field>
      <Field label="Target id" name="target">
        <TextInput name="target" defaultValue={values.target} placeholder="A user or device id" />
      </Field>
      <div className="flex items-end gap-2 sm:col-span-2 xl:col-span-1">
        <Button type="submit">Filter</Button>
        {isFiltered && (
          <Link href="/admin/audit" className="rounded-lg px-3.5 py-2 text-sm font-medium text-muted hover:bg-surface-muted hover:text-foreground">
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
