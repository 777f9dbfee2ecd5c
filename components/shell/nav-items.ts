export interface NavItem {
  href: string;
  label: string;
}

export const userNavItems: NavItem[] = [
  { href: "/devices", label: "My devices" },
  { href: "/account", label: "Account" },
];

export const adminNavItems: NavItem[] = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/devices", label: "Devices" },
  { href: "/admin/rules", label: "Rules" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/diagnostics", label: "Diagnostics" },
];
