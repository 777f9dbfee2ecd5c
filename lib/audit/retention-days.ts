// The audit retention's bounds, shared by the schema, the database default and the form (so this
// module imports nothing: client components read it).
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
export const AUDIT_RETENTION_MAX_DAYS = 3650;
