"use client";

import { useRouter } from "next/navigation";
import { deleteRuleAction, moveRuleAction } from "@/app/(app)/admin/rules/actions";
import { Button } from "../../ui/button";
import { useServerAction } from "../../ui/use-server-action";
import { ConfirmActionButton } from "../../ui/confirm-action-button";

export function MoveRuleButtons({ ruleId, position, isFirst, isLast }: { ruleId: string; position: number; isFirst: boolean; isLast: boolean }) {
  const router = useRouter();
  const action = useServerAction(moveRuleAction, { onSuccess: () => router.refresh() });
  return (
    <span className="inline-flex">
      <Button type="button" variant="ghost" className="px-2" disabled={isFirst} isPending={action.isPending} aria-label={`Move rule ${position} up`} onClick={() => action.run({ id: ruleId, direction: "up" })}>
        ↑
      </Button>
      <Button type="button" variant="ghost" className="px-2" disabled={isLast} aria-label={`Move rule ${position} down`} onClick={() => action.run({ id: ruleId, direction: "down" })}>
        ↓
      </Button>
    </span>
  );
}

export function DeleteRuleButton({ ruleId, position, summary }: { ruleId: string; position: number; summary: string }) {
  return (
    <ConfirmActionButton action={deleteRuleAction} input={{ id: ruleId }} label="Delete" title={`Delete rule ${position}?`} confirmLabel="Delete rule">
      {summary}. The collector removes it from nftables within a second; traffic it matched is then decided by the next rules.
    </ConfirmActionButton>
  );
}
