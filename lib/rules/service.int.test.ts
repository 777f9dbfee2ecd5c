import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { createConfiguration } from "../db/configuration";
import { listRules } from "../db/rules";
import { createUser, type UserPrincipal } from "../db/users";
import { NotFoundError, ValidationError } from "../server/errors";
import { ruleInputSchema } from "./schema";
import { deleteRule, moveRule, saveRule } from "./service";

let database: TestDatabase;
let admin: UserPrincipal;

beforeEach(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  await createConfiguration(database.db, {});
  admin = await createUser(database.db, { email: "admin@example.com", passwordHash: null, role: "admin" });
});
afterEach(() => database.drop());

const actor = () => ({ id: admin.id, email: admin.email });
const save = (fields: Record<string, unknown>, id?: string) => saveRule(database.db, actor(), { ...ruleInputSchema.parse({ action: "drop", ...fields }), id });
async function saved(fields: Record<string, unknown>) {
  const result = await save(fields);
  if (!result.saved) throw new Error(result.overlaps.join(" "));
  return result.id;
}
const order = async () => (await listRules(database.db)).map((rule) => `${rule.priority}:${rule.destination}`);

describe("saveRule", () => {
  it("stores a rule after the others by default, canonical, and audits it", async () => {
    await saved({ destination: "10.0.0.0/8", priority: 40 });
    const id = await saved({ destination: "FD00:0::/8", protocol: "udp", ports: "53" });
    const row = await database.db.egressRule.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ destination: "fd00::/8", protocol: "udp", portStart: 53, portEnd: 53, priority: 50, userId: null });
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "rule.created", targetId: id } });
    expect(audit).toMatchObject({ actorEmail: "admin@example.com", targetType: "egress_rule" });
    expect(audit.details).toMatchObject({ action: "drop", destination: "fd00::/8", portStart: 53 });
  });

  it("explains overlaps and saves nothing until they are accepted", async () => {
    await saved({ destination: "10.0.0.0/8", priority: 10 });
    const result = await save({ action: "accept", destination: "10.1.0.0/16", priority: 20 });
    expect(result).toEqual({ saved: false, overlaps: ["This rule never applies: rule 1 (drop 10.0.0.0/8 any protocol, every user) drops all of this traffic first."] });
    expect(await database.db.egressRule.count()).toBe(1);

    const accepted = await save({ action: "accept", destination: "10.1.0.0/16", priority: 20, acceptOverlaps: true });
    expect(accepted.saved).toBe(true);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "rule.created" }, orderBy: { id: "desc" } });
    expect(audit.details).toMatchObject({ acceptedOverlaps: [expect.stringContaining("never applies")] });
  });

  it("refuses an exact duplicate even when overlaps are accepted, naming the field", async () => {
    await saved({ destination: "192.168.0.0/16", protocol: "tcp", ports: "22" });
    const error = await save({ destination: "192.168.0.0/16", protocol: "tcp", ports: "22", acceptOverlaps: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors?.destination).toMatch(/^this rule does the same as rule 1/);
    expect(await database.db.egressRule.count()).toBe(1);
  });

  it("edits a rule without comparing it with its own saved version, and keeps its priority", async () => {
    const id = await saved({ destination: "10.0.0.0/8", priority: 30 });
    const result = await save({ destination: "10.0.0.0/8", protocol: "tcp", ports: "80-90" }, id);
    expect(result).toEqual({ saved: true, id });
    expect(await database.db.egressRule.findUniqueOrThrow({ where: { id } })).toMatchObject({ priority: 30, protocol: "tcp", portStart: 80, portEnd: 90 });
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "rule.updated", targetId: id } });
    expect(audit.details).toMatchObject({ before: { protocol: "any", portStart: null } });
  });

  it("refuses an unknown user or rule", async () => {
    await expect(save({ destination: "10.0.0.0/8", userId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ fieldErrors: { userId: "is not an existing user" } });
    await expect(save({ destination: "10.0.0.0/8" }, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    expect(await database.db.egressRule.count()).toBe(0);
  });

  it("keeps a user's rules to that user and deletes them with the user", async () => {
    const ann = await createUser(database.db, { email: "ann@example.com", passwordHash: null, role: "unprivileged" });
    const bob = await createUser(database.db, { email: "bob@example.com", passwordHash: null, role: "unprivileged" });
    await saved({ destination: "10.0.0.0/8", userId: ann.id });
    // Same match for another user: no overlap at all.
    expect((await save({ action: "accept", destination: "10.0.0.0/8", userId: bob.id })).saved).toBe(true);
    await database.db.user.delete({ where: { id: ann.id } });
    expect((await listRules(database.db)).map((rule) => rule.userEmail)).toEqual(["bob@example.com"]);
  });

  it("analyses one save at a time: of two contradicting rules saved at once, the second sees the first", async () => {
    const results = await Promise.all([save({ destination: "10.0.0.0/8", priority: 10 }), save({ action: "accept", destination: "10.0.0.0/8", priority: 20 })]);
    expect(results.filter((result) => result.saved)).toHaveLength(1);
    expect(results.find((result) => !result.saved)).toMatchObject({ overlaps: [expect.stringMatching(/never applies|overrides/)] });
  });
});

describe("moveRule and deleteRule", () => {
  it("swaps a rule with its neighbour and renumbers priorities; the ends do not move", async () => {
    await saved({ destination: "10.1.0.0/16", priority: 5 });
    await saved({ destination: "10.2.0.0/16", priority: 5 });
    const third = await saved({ destination: "10.3.0.0/16", priority: 900 });
    await moveRule(database.db, actor(), third, "up");
    expect(await order()).toEqual(["10:10.1.0.0/16", "20:10.3.0.0/16", "30:10.2.0.0/16"]);
    const first = (await listRules(database.db))[0]!.id;
    expect(await moveRule(database.db, actor(), first, "up")).toEqual({ id: first, moved: false });
    expect(await database.db.auditEvent.count({ where: { action: "rule.moved" } })).toBe(1);
  });

  it("deletes and audits; an unknown rule is not found", async () => {
    const id = await saved({ destination: "10.0.0.0/8" });
    await deleteRule(database.db, actor(), id);
    expect(await database.db.egressRule.count()).toBe(0);
    expect(await database.db.auditEvent.findFirstOrThrow({ where: { action: "rule.deleted" } })).toMatchObject({ targetId: id });
    await expect(deleteRule(database.db, actor(), id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("the database refuses what the form would: bad CIDRs, ports and priorities", async () => {
    const insert = (values: string) => database.db.$executeRawUnsafe(`INSERT INTO egress_rules (id, action, destination, protocol, port_start, port_end, priority, updated_at) VALUES (gen_random_uuid(), 'drop', ${values}, now())`);
    await expect(insert("'not-a-cidr', 'any', NULL, NULL, 10")).rejects.toThrow();
    await expect(insert("'10.0.0.0/8', 'tcp', 90, 80, 10")).rejects.toThrow();
    await expect(insert("'10.0.0.0/8', 'tcp', 80, 80, 0")).rejects.toThrow();
    await expect(insert("'10.0.0.0/8', 'any', 53, 53, 10")).resolves.toBe(1);
  });
});
