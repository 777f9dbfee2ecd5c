import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, runAsAdmin, type TestDatabase } from "../../test/database";
import { createDb } from "../db/client";
import { createUser, type UserPrincipal } from "../db/users";
import { issueSsoTicket, newBrowserNonce, readCookie, redeemSsoTicket, SSO_TICKET_COOKIE, SSO_TICKET_TTL_SECONDS } from "./tickets";

let database: TestDatabase;
let user: UserPrincipal;
/** The nonce cookie of the browser that started the login. */
let browser: { nonce: string; hash: string };

beforeEach(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  user = await createUser(database.db, { email: "alice@example.com", passwordHash: null, role: "unprivileged" });
  browser = newBrowserNonce();
});
afterEach(() => database.drop());

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const issue = (db = database.db) => issueSsoTicket(db, { userId: user.id, method: "saml:corp", browserHash: browser.hash });
const redeem = (token: string, db = database.db) => redeemSsoTicket(db, token, browser.nonce);

describe("SSO tickets", () => {
  it("redeem once for their user", async () => {
    const token = await issue();

    expect(await redeem(token)).toEqual(user);
    expect(await redeem(token)).toBeNull();
    expect(await database.db.ssoTicket.count()).toBe(0);
  });

  it("store only the SHA-256 hashes of the token and the browser nonce, for 60 seconds", async () => {
    const before = Date.now();
    const token = await issue();

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await database.db.ssoTicket.findMany();
    expect(rows).toEqual([{ tokenHash: sha256(token), userId: user.id, method: "saml:corp", browserHash: sha256(browser.nonce), expiresAt: expect.any(Date) as unknown }]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(browser.nonce);
    expect(rows[0]!.expiresAt.getTime() - before).toBeGreaterThanOrEqual(SSO_TICKET_TTL_SECONDS * 1000);
    expect(rows[0]!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(SSO_TICKET_TTL_SECONDS * 1000);
  });

  it("are refused once expired", async () => {
    const token = await issue();
    await database.db.ssoTicket.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await redeem(token)).toBeNull();
  });

  it("are refused to another browser and without the browser nonce", async () => {
    const token = await issue();
    expect(await redeemSsoTicket(database.db, token, newBrowserNonce().nonce)).toBeNull();
    expect(await redeemSsoTicket(database.db, token, "")).toBeNull();
  });

  it("are refused for a user disabled meanwhile", async () => {
    const token = await issue();
    await database.db.user.update({ where: { id: user.id }, data: { isDisabled: true } });
    expect(await redeem(token)).toBeNull();
  });

  it("are refused when unknown, empty or oversized, even if an oversized token's hash were stored", async () => {
    await issue();
    const oversized = "x".repeat(101);
    await database.db.ssoTicket.create({ data: { tokenHash: sha256(oversized), userId: user.id, method: "saml:corp", browserHash: browser.hash, expiresAt: new Date(Date.now() + 60_000) } });

    expect(await redeem("unknown-token")).toBeNull();
    expect(await redeem("")).toBeNull();
    expect(await redeem(oversized)).toBeNull();
    expect(await database.db.ssoTicket.count()).toBe(2);
  });

  it("redeem a fresh ticket whatever the database's time zone", async () => {
    // expires_at is a timestamp without time zone compared with now(): the session time zone must not matter.
    await runAsAdmin(database.url, `ALTER DATABASE "${new URL(database.url).pathname.slice(1)}" SET timezone TO 'Asia/Tokyo'`);
    const db = createDb(database.url);
    try {
      const token = await issue(db);
      expect(await redeem(token, db)).toEqual(user);
    } finally {
      await db.$disconnect();
    }
  });
});

describe("readCookie", () => {
  it("finds a cookie among others and decodes its value", () => {
    const header = `theme=dark; ${SSO_TICKET_COOKIE}=abc%2Bdef=; next-auth.session-token=xyz`;
    expect(readCookie(header, SSO_TICKET_COOKIE)).toBe("abc+def=");
    expect(readCookie(header, "theme")).toBe("dark");
    expect(readCookie(`${SSO_TICKET_COOKIE}=first;${SSO_TICKET_COOKIE}=second`, SSO_TICKET_COOKIE)).toBe("first");
  });

  it("gives null without the cookie or without a header", () => {
    expect(readCookie("theme=dark; x-wiregui.sso-ticket=nope", SSO_TICKET_COOKIE)).toBeNull();
    expect(readCookie("", SSO_TICKET_COOKIE)).toBeNull();
    expect(readCookie(null, SSO_TICKET_COOKIE)).toBeNull();
    expect(readCookie(undefined, SSO_TICKET_COOKIE)).toBeNull();
  });
});
