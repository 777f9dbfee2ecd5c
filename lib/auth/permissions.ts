// Every permission is a named function here; pages, actions and routes call these, never inline role checks.
import type { Role } from "../generated/prisma/client";

export interface Actor {
  id: string;
  role: Role;
}

export function isAdmin(actor: Actor): boolean {
  return actor.role === "admin";
}

export const canViewAdminPages = isAdmin;
export const canManageUsers = isAdmin;
export const canViewDiagnostics = isAdmin;

/** Any signed-in, enabled user: the guard has already checked both. Used for a user's own account. */
export function isSignedIn(_actor: Actor): boolean {
  return true;
}
