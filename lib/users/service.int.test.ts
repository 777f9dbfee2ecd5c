import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { verifyPassword } from "../auth/password";
import { createConfiguration } from "../db/configuration";
import { createUser, searchUsers, type UserPrincipal } from "../db/users";
import { ConflictError, NotFoundError, ValidationError } from "../server/errors";
import { deleteUser, updateUser } from "./service";

let database: TestDatabase;
let admin: UserPrincipal;

beforeEach(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  await createConfiguration(database.db, {});
  admin = await createUser(database.db, { email: "admin@example.com", passwordHash: null, role: "admin" });
});
afterEach(() => database.drop());

const actor = () => ({ id: admin.id, email: admin.email });
const person = (email: string, role: "admin" | "unprivileged" = "unprivileged") => createUser(database.db, { email, passwordHash: null, role });
const edit = (user: UserPrincipal, changes: Partial<{ email: string; role: "admin" | "unprivileged"; password: string; isDisabled: boolean }>) =>
  updateUser(database.db, actor(), { id: user.id, email: user.email, role: user.role, password: "", isDisabled: user.isDisabled, ...changes });
const reload = (user: UserPrincipal) => database.db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });

describe("updateUser", () => {
  it("changes email, role and password, ends the user's sessions and audits the change without the password", async () => {
    const user = await person("bob@example.com");
    const result = await edit(user, { email: "robert@example.com", role: "admin", password: "a-new-password-123" });

    expect(result.changed.sort()).toEqual(["email", "password", "role"]);
    const row = await reload(user);
    expect(row).toMatchObject({ email: "robert@example.com", role: "admin", sessionVersion: user.sessionVersion + 1 });
    expect(await verifyPassword("a-new-password-123", row.passwordHash!)).toBe(true);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "user.updated", targetId: user.id } });
    expect(audit.details).toEqual({ email: "robert@example.com", role: "admin", password: "changed" });
    expect(JSON.stringify(audit.details)).not.toContain("a-new-password-123");
  });

  it("keeps sessions for an email-only change and keeps the password when none is given", async () => {
    const user = await createUser(database.db, { email: "carol@example.com", passwordHash: "kept-hash", role: "unprivileged" });
    await edit(user, { email: "caroline@example.com" });
    expect(await reload(user)).toMatchObject({ email: "caroline@example.com", passwordHash: "kept-hash", sessionVersion: user.sessionVersion });
  });

  it("disabling ends the sessions; enabling again does too", async () => {
    const user = await person("dave@example.com");
    await edit(user, { isDisabled: true });
    expect(await reload(user)).toMatchObject({ isDisabled: true, sessionVersion: user.sessionVersion + 1 });
  });

  it("refuses a taken email on the email field and changes nothing", async () => {
    const user = await person("erin@example.com");
    await person("frank@example.com");
    await expect(edit(user, { email: "frank@example.com", role: "admin" })).rejects.toMatchObject({ constructor: ConflictError, fieldErrors: { email: "is already used by another user" } });
    expect(await reload(user)).toMatchObject({ email: "erin@example.com", role: "unprivileged" });
  });

  it("refuses demoting or disabling yourself", async () => {
    await person("second-admin@example.com", "admin");
    await expect(edit(admin, { role: "unprivileged" })).rejects.toMatchObject({ fieldErrors: { role: "cannot be changed on your own account" } });
    await expect(edit(admin, { isDisabled: true })).rejects.toMatchObject({ fieldErrors: { isDisabled: "cannot be set on your own account" } });
    expect(await reload(admin)).toMatchObject({ role: "admin", isDisabled: false });
  });

  it("keeps the last enabled administrator: no demotion or disabling, while a disabled admin does not count", async () => {
    const other = await person("other-admin@example.com", "admin");
    await edit(admin, {}); // no-op edits are fine
    await database.db.user.update({ where: { id: admin.id }, data: { isDisabled: true } });
    await expect(edit(other, { role: "unprivileged" })).rejects.toThrow(/last enabled administrator/);
    await expect(edit(other, { isDisabled: true })).rejects.toThrow(/last enabled administrator/);
    expect(await reload(other)).toMatchObject({ role: "admin", isDisabled: false });
  });

  it("lets only one of two parallel demotions of the last two administrators through", async () => {
    const [first, second] = [await person("a1@example.com", "admin"), await person("a2@example.com", "admin")];
    await database.db.user.update({ where: { id: admin.id }, data: { isDisabled: true } });

    const results = await Promise.allSettled([first, second].map((user) => edit(user, { role: "unprivileged" })));

    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await database.db.user.count({ where: { role: "admin", isDisabled: false } })).toBe(1);
  });

  it("says an unknown user was not found", async () => {
    await expect(updateUser(database.db, actor(), { id: "00000000-0000-4000-8000-000000000000", email: "x@example.com", role: "admin", password: "", isDisabled: false })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("deleteUser", () => {
  it("removes the user with their devices and audits it", async () => {
    const user = await person("gina@example.com");
    await database.db.device.create({ data: { userId: user.id, name: "laptop", publicKey: "A".repeat(43) + "=", ipv4: "10.3.2.2" } });
    await deleteUser(database.db, actor(), user.id);
    expect(await database.db.user.count({ where: { id: user.id } })).toBe(0);
    expect(await database.db.device.count()).toBe(0);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "user.deleted" } });
    expect(audit.details).toEqual({ email: "gina@example.com", role: "unprivileged", devices: 1 });
  });

  it("refuses deleting yourself or the last enabled administrator", async () => {
    const other = await person("other-admin@example.com", "admin");
    await expect(deleteUser(database.db, actor(), admin.id)).rejects.toBeInstanceOf(ValidationError);
    await database.db.user.update({ where: { id: admin.id }, data: { isDisabled: true } });
    await expect(deleteUser(database.db, actor(), other.id)).rejects.toThrow(/last enabled administrator/);
    expect(await database.db.user.count()).toBe(2);
  });
});

describe("searchUsers", () => {
  it("finds by email or name, case-insensitively, a page at a time", async () => {
    for (let index = 1; index <= 5; index += 1) await createUser(database.db, { email: `team${index}@example.com`, passwordHash: null, role: "unprivileged", name: index === 3 ? "Zoe Mars" : null });
    expect((await searchUsers(database.db, { query: "TEAM", page: 1, pageSize: 2 })).rows.map((row) => row.email)).toEqual(["team1@example.com", "team2@example.com"]);
    const third = await searchUsers(database.db, { query: "team", page: 3, pageSize: 2 });
    expect(third).toMatchObject({ total: 5, rows: [{ email: "team5@example.com", deviceCount: 0 }] });
    expect((await searchUsers(database.db, { query: "mars", page: 1 })).rows.map((row) => row.email)).toEqual(["team3@example.com"]);
  });
});
