import { Badge } from "../ui/badge";

/** "Two-factor authentication" with On/Off, the same on the account page and the admin user page. */
export function MfaCardTitle({ isOn }: { isOn: boolean }) {
  return (
    <span className="flex items-center gap-2">
      Two-factor authentication {isOn ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
    </span>
  );
}
