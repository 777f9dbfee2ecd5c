import { Button } from "../../ui/button";

export function ProviderFormFooter({ isEdit, isPending, onCancel }: { isEdit: boolean; isPending: boolean; onCancel: () => void }) {
  return (
    <div className="flex justify-end gap-2">
      <Button type="button" variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" isPending={isPending}>
        {isEdit ? "Save provider" : "Add provider"}
      </Button>
    </div>
  );
}
