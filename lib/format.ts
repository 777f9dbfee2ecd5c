const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Dates render in UTC on server and client alike, so hydration never disagrees. */
export function formatDateTime(date: Date | string): string {
  return `${dateTimeFormat.format(new Date(date))} UTC`;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** The day only (UTC), for columns where the time is noise, such as when a user was created. */
export function formatDate(date: Date | string): string {
  return dateFormat.format(new Date(date));
}
