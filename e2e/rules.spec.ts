// Egress rules: the admin's form (field errors, overlap explanations, reordering) and, on the e2e
// data plane e2e/serve.sh builds as root, a drop rule added in the UI blocking the mock client's
// TCP port to the destination namespace while another port still works, until it is deleted.
// Like the other data-plane specs, the blocking test fails (it does not skip) when not run as root.
import { expect, test, type Page } from "@playwright/test";
import { createCommandRunner } from "../lib/run-command";
import { canConnect, DESTINATION } from "../scripts/stack-destination";

const client = createCommandRunner({ netns: "wgue-c1" });

interface RuleFields {
  action?: "Drop" | "Accept";
  destination: string;
  protocol?: "Any" | "TCP" | "UDP";
  ports?: string;
  priority?: string;
  description: string;
}

async function fillRule(page: Page, rule: RuleFields) {
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Action").selectOption({ label: rule.action ?? "Drop" });
  await dialog.getByLabel("Destination").fill(rule.destination);
  await dialog.getByLabel("Protocol").selectOption({ label: rule.protocol ?? "Any" });
  await dialog.getByLabel("Ports").fill(rule.ports ?? "");
  await dialog.getByLabel("Priority").fill(rule.priority ?? "");
  await dialog.getByLabel("Description").fill(rule.description);
}

async function openAddRule(page: Page) {
  await page.goto("/admin/rules");
  // React resets a <select>'s value when it hydrates: let it finish before filling the form.
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
}

async function addRule(page: Page, rule: RuleFields) {
  await openAddRule(page);
  await fillRule(page, rule);
  await page.getByRole("dialog").getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  return ruleRow(page, rule.description);
}

const ruleRow = (page: Page, description: string) => page.getByRole("row").filter({ hasText: description });

async function deleteRuleInUi(page: Page, description: string) {
  await ruleRow(page, description).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete rule" }).click();
  await expect(ruleRow(page, description)).toHaveCount(0);
}

test("bad rule input gets field errors and nothing is saved", async ({ page }) => {
  await openAddRule(page);
  await fillRule(page, { destination: "203.0.113.1/24", ports: "90-80", priority: "0", description: "never saved" });
  await page.getByRole("dialog").getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("has host bits set")).toBeVisible();
  await expect(dialog.getByText(/a range such as 8000-8100, low to high/)).toBeVisible();
  await expect(dialog.getByText("must be 1 or more")).toBeVisible();
  await page.reload();
  await expect(ruleRow(page, "never saved")).toHaveCount(0);
});

test("overlapping rules are explained before they are saved, and the notes follow the order", async ({ page }) => {
  const tag = Date.now().toString(36);
  const wide = `wide drop ${tag}`;
  const narrow = `narrow accept ${tag}`;
  await addRule(page, { destination: "203.0.113.0/24", description: wide, priority: "5" });

  await openAddRule(page);
  await fillRule(page, { action: "Accept", destination: "203.0.113.128/25", protocol: "TCP", ports: "443", description: narrow, priority: "6" });
  await page.getByRole("dialog").getByRole("button", { name: "Add rule" }).click();
  const warning = page.getByRole("dialog").getByRole("status");
  await expect(warning).toContainText("This rule overlaps other rules");
  await expect(warning).toContainText(/This rule never applies: rule \d+ \(drop 203\.0\.113\.0\/24 any protocol, every user\) drops all of this traffic first\./);
  await page.getByRole("dialog").getByRole("button", { name: "Save anyway" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(ruleRow(page, narrow)).toContainText("Never applies");

  // Moved above the wide drop, the accept wins for its traffic and the drop carries the note.
  await ruleRow(page, narrow).getByRole("button", { name: /Move rule \d+ up/ }).click();
  await expect(ruleRow(page, narrow)).not.toContainText("Never applies");
  await expect(ruleRow(page, wide)).toContainText(/Contradicts rule \d+ \(accept 203\.0\.113\.128\/25 TCP port 443, every user\) for 203\.0\.113\.128\/25 TCP port 443, every user: there rule \d+ comes first and accepts it/);

  for (const description of [narrow, wide]) await deleteRuleInUi(page, description);
});

test("a drop rule added in the UI blocks the mock client's port to the destination; deleting it opens the port again", async ({ page }) => {
  expect(process.getuid?.(), "this spec needs root: e2e/serve.sh builds the WireGuard data plane only as root").toBe(0);
  const { blocked, open } = DESTINATION.ports;
  await expect.poll(() => canConnect(client, DESTINATION.ipv4, blocked), { timeout: 30_000, message: "the destination through the tunnel before any rule" }).toBe(true);

  const description = `e2e drop ${Date.now().toString(36)}`;
  const row = await addRule(page, { destination: DESTINATION.ipv4, protocol: "TCP", ports: String(blocked), description, priority: "1" });
  await expect(row).toContainText(`${DESTINATION.ipv4}/32`);
  await expect(row).toContainText(`TCP port ${blocked}`);
  await expect.poll(() => canConnect(client, DESTINATION.ipv4, blocked), { timeout: 15_000, message: "the port to be blocked" }).toBe(false);
  expect(await canConnect(client, DESTINATION.ipv4, open)).toBe(true);
  await expect(page.getByText(/Applied .* \(\d+ rules?\)/)).toBeVisible();

  await deleteRuleInUi(page, description);
  await expect.poll(() => canConnect(client, DESTINATION.ipv4, blocked), { timeout: 15_000, message: "the port to open again" }).toBe(true);
});
