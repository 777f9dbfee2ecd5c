// Every action the audit log records, in one place: the type of recordAuditEvent's `action`, the
// audit page's filter and labels, and the README's list. A new audited action is added here first.

export const AUDIT_ACTIONS = [
  { code: "auth.sign_in", label: "Signed in" },
  { code: "auth.sign_in_failed", label: "Sign-in failed" },
  { code: "auth.sso_refused", label: "Single sign-on refused" },
  { code: "auth.sign_out", label: "Signed out" },
  { code: "auth.mfa_failed", label: "Two-factor code refused" },
  { code: "auth.reauthenticated", label: "Identity confirmed again" },
  { code: "auth.reauthentication_failed", label: "Identity confirmation refused" },
  { code: "mfa.enrolled", label: "Authenticator added" },
  { code: "mfa.deleted", label: "Authenticator deleted" },
  { code: "mfa.reset", label: "MFA reset by an admin" },
  { code: "user.created", label: "User created" },
  { code: "user.updated", label: "User updated" },
  { code: "user.deleted", label: "User deleted" },
  { code: "user.password_changed", label: "Own password changed" },
  { code: "device.created", label: "Device created" },
  { code: "device.updated", label: "Device updated" },
  { code: "device.deleted", label: "Device deleted" },
  { code: "rule.created", label: "Egress rule added" },
  { code: "rule.updated", label: "Egress rule changed" },
  { code: "rule.deleted", label: "Egress rule deleted" },
  { code: "rule.moved", label: "Egress rule moved" },
  { code: "api_token.created", label: "API token created" },
  { code: "api_token.revoked", label: "API token revoked" },
  { code: "api_token.revoked_all", label: "All API tokens revoked (new password)" },
  { code: "api_token.used", label: "API token used" },
  { code: "settings.updated", label: "Client settings changed" },
  { code: "settings.local_auth_changed", label: "Password sign-in switched" },
  { code: "settings.security_changed", label: "Security settings changed" },
  { code: "settings.idp_network_changed", label: "Identity providers on private networks switched" },
  { code: "sso_provider.created", label: "SSO provider added" },
  { code: "sso_provider.updated", label: "SSO provider changed" },
  { code: "sso_provider.deleted", label: "SSO provider deleted" },
  { code: "sso.connected", label: "SSO identity connected" },
  { code: "sso.disconnected", label: "SSO identity disconnected" },
  { code: "setup.configuration_created", label: "Setup: configuration created" },
  { code: "setup.configuration_updated", label: "Setup: configuration changed" },
  { code: "setup.admin_created", label: "Setup: first admin created" },
  { code: "setup.admin_password_reset", label: "Admin password reset (command line)" },
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number]["code"];

const labels = new Map<string, string>(AUDIT_ACTIONS.map(({ code, label }) => [code, label]));

export function isAuditAction(code: string): code is AuditAction {
  return labels.has(code);
}

/** The readable label; an action recorded by an older or newer version shows its code. */
export function auditActionLabel(code: string): string {
  return labels.get(code) ?? code;
}
