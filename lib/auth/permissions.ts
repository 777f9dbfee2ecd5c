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
export const canViewAuditLog = isAdmin;

/** Any signed-in, enabled user: the guard has already checked both. Used for a user's own account. */
export function isSignedIn(_actor: Actor): boolean {
  return true;
}

/** See and revoke the API tokens of `ownerId`: your own, or anyone's for an administrator. */
export function canManageApiTokensOf(actor: Actor, ownerId: string): boolean {
  return isAdmin(actor) || ownerId === actor.id;
}

/** The two device switches of the configuration row. */
export interface DevicePolicy {
  allowUnprivilegedDeviceManagement: boolean;
  allowUnprivilegedDeviceConfiguration: boolean;
}

export function canViewDevice(actor: Actor, device: { userId: string }): boolean {
  return isAdmin(actor) || device.userId === actor.id;
}

/** A user's VPN session status: their own, or anyone's for admins. */
export function canViewVpnSessionOf(actor: Actor, userId: string): boolean {
  return isAdmin(actor) || actor.id === userId;
}

/** Create, edit or delete a device of `ownerId`. */
export function canManageDevicesOf(actor: Actor, ownerId: string, policy: DevicePolicy): boolean {
  return isAdmin(actor) || (ownerId === actor.id && policy.allowUnprivilegedDeviceManagement);
}

/** Change the five "use default" settings away from the defaults. */
export function canConfigureDeviceSettings(actor: Actor, policy: DevicePolicy): boolean {
  return isAdmin(actor) || policy.allowUnprivilegedDeviceConfiguration;
}

/** Admins own any number of devices; everyone else up to Settings → Security → Limits. */
export function isExemptFromDeviceLimit(owner: { role: Role }): boolean {
  return owner.role === "admin";
}

/** Add a device for a user beyond their limit, deliberately. */
export const canExceedDeviceLimit = isAdmin;

export const canManageAllDevices = isAdmin;
export const canEditSettings = isAdmin;
export const canManageRules = isAdmin;

/**
 * Whether a new SSO identity may join an existing account just because the emails match: only when
 * the email is all that protects it (no administrator, no password, no authenticator). Other accounts
 * connect an identity through the signed-in Connect flow, so an IdP account with someone's address
 * cannot skip their password and second factor.
 */
export function canLinkSsoByEmail(account: { role: Role; hasPassword: boolean; authenticatorCount: number }): boolean {
  return account.role !== "admin" && !account.hasPassword && account.authenticatorCount === 0;
}
