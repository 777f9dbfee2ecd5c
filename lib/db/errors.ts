/** The columns of a unique-constraint violation from Prisma's error (driver adapters included), else null. */
export function uniqueViolationTarget(error: unknown): string | null {
  if (typeof error !== "object" || error === null || (error as { code?: string }).code !== "P2002") return null;
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {};
  const target = meta.target ?? (meta.driverAdapterError as { cause?: { constraint?: unknown } } | undefined)?.cause?.constraint;
  return JSON.stringify(target ?? meta);
}
