import "server-only";
import { z } from "zod";
import {
  canConfigureDeviceSettings,
  canExceedDeviceLimit,
  canManageAllDevices,
  canManageDevicesOf,
  canViewDevice,
  type DevicePolicy,
} from "../auth/permissions";
import { auditDetails } from "../api-tokens/audit-details";
import { SecretBox } from "../crypto/secret-box";
import { recordAuditEvent } from "../db/audit";
import { getConfiguration } from "../db/configuration";
import { listDevicePage, type DeviceListRow } from "../db/device-list";
import { deleteDeviceRow, findDevice, listDevices, listDevicesPage, updateDeviceRow, type DeviceRow } from "../db/devices";
import { getCollectorStatus } from "../db/stats";
import { findUserByEmail, findUserById } from "../db/users";
import { effectiveSettings } from "../devices/effective-settings";
import type { DeviceListParams } from "../devices/list-params";
import type { DeviceSettings } from "../devices/schemas";
import { checkDeviceSettings, createDevice, DeviceError, DeviceLimitError, deviceLimitText, hasOverrides, renderStoredDeviceConfig } from "../devices/service";
import { getEnv } from "../env";
import { areStatsFresh } from "../metrics/freshness";
import { configFileName } from "../wireguard/client-config";
import { getDb } from "./db";
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors";
import type { Principal } from "./guard";
import { entityTagOf } from "./http";
import { renderQrSvg } from "./qr";

const DEFAULT_POLICY: DevicePolicy = { allowUnprivilegedDeviceManagement: true, allowUnprivilegedDeviceConfiguration: true };

export async function getDevicePolicy(): Promise<DevicePolicy> {
  return (await getConfiguration(getDb())) ?? DEFAULT_POLICY;
}

function secretBox(): SecretBox {
  return new SecretBox(getEnv().AUTH_SECRET);
}

function toAppError(error: unknown): unknown {
  if (!(error instanceof DeviceError)) return error;
  const fieldErrors = error.field ? { [error.field]: error.message } : undefined;
  const message = error.field ? `${error.field}: ${error.message}` : error.message;
  // A full quota, like a full network, is the collection's state: deleting a device resolves it.
  if (error.kind === "conflict" || error.kind === "limit") return new ConflictError(message, fieldErrors);
  if (error.kind === "unavailable") return new AppError(message, 409, fieldErrors);
  return new ValidationError(message, fieldErrors);
}

/** Loads a device the actor may see; others' devices answer "not found", not "forbidden". */
export async function loadVisibleDevice(actor: Principal, id: string): Promise<DeviceRow> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError("The device");
  const device = await findDevice(getDb(), id);
  if (!device || !canViewDevice(actor, device)) throw new NotFoundError("The device");
  return device;
}

async function assertMayWrite(actor: Principal, ownerId: string, settings: DeviceSettings) {
  const policy = await getDevicePolicy();
  if (!canManageDevicesOf(actor, ownerId, policy)) throw new ForbiddenError("Managing devices is turned off for users; ask an administrator.");
  if (hasOverrides(settings) && !canConfigureDeviceSettings(actor, policy)) {
    throw new ForbiddenError("Changing device settings is turned off for users: keep every setting on its default.");
  }
}

/** Whether the stats loop keeps running: a rate is only "now" while it does. */
async function loadStatsFreshness(): Promise<boolean> {
  return areStatsFresh(await getCollectorStatus(getDb(), getEnv().WG_INTERFACE));
}

/** What every presented device needs from elsewhere, loaded once per list. */
async function loadPresentationContext() {
  const [configuration, statsAreFresh] = await Promise.all([getConfiguration(getDb()), loadStatsFreshness()]);
  return { configuration, statsAreFresh };
}

type PresentationContext = Awaited<ReturnType<typeof loadPresentationContext>>;

function present(device: DeviceRow, { configuration, statsAreFresh }: PresentationContext) {
  return {
    ...device,
    rxBytes: device.rxBytes.toString(),
    txBytes: device.txBytes.toString(),
    // A rate is only "now" while the stats loop keeps running; otherwise say nothing.
    rxBytesPerSecond: statsAreFresh ? device.rxBytesPerSecond : null,
    txBytesPerSecond: statsAreFresh ? device.txBytesPerSecond : null,
    effective: configuration ? effectiveSettings(device, configuration) : null,
  };
}

export async function presentDevice(device: DeviceRow) {
  return present(device, await loadPresentationContext());
}

async function presentDevices(devices: DeviceRow[]) {
  const context = await loadPresentationContext();
  return devices.map((device) => present(device, context));
}

export type PresentedDevice = ReturnType<typeof present>;

export async function listMyDevices(actor: Principal) {
  return presentDevices(await listDevices(getDb(), { userId: actor.id }));
}

/** A row of the admin list: what the table shows, no more (about a third of a whole device). */
function presentListRow({ userId, email, ...row }: DeviceListRow, statsAreFresh: boolean) {
  return {
    ...row,
    user: { id: userId, email },
    rxBytesPerSecond: statsAreFresh ? row.rxBytesPerSecond : null,
    txBytesPerSecond: statsAreFresh ? row.txBytesPerSecond : null,
  };
}

/**
 * One page of everyone's devices (or one user's), sorted and searched, with the total and a strong
 * ETag: the SHA-256 of the answer itself, so it changes exactly when what the page shows does (a
 * device added, removed, renamed or moved between pages, new stats, the stats going stale).
 */
export async function listDevicesForAdmin(actor: Principal, params: DeviceListParams) {
  if (!canManageAllDevices(actor)) throw new ForbiddenError("Only administrators can list other users' devices.");
  const db = getDb();
  const [{ rows, total }, statsAreFresh, owner] = await Promise.all([
    listDevicePage(db, params),
    loadStatsFreshness(),
    params.userId ? findUserById(db, params.userId) : null,
  ]);
  const content = {
    devices: rows.map((row) => presentListRow(row, statsAreFresh)),
    total,
    page: params.page,
    perPage: params.perPage,
    sort: params.sort,
    dir: params.dir,
    q: params.q,
    userId: params.userId,
    /** The user of the `user` filter (null: no filter, or no such user). */
    owner: owner && { id: owner.id, email: owner.email },
  };
  return { ...content, etag: entityTagOf(JSON.stringify(content)) };
}

export type DeviceListPage = Awaited<ReturnType<typeof listDevicesForAdmin>>;

/** One page of devices: your own, or (admins) everyone's or one user's. */
export async function listDevicesPageFor(actor: Principal, params: { userId?: string; page: number; perPage: number }) {
  const userId = canManageAllDevices(actor) ? params.userId : actor.id;
  if (params.userId && params.userId !== userId) throw new ForbiddenError("Only administrators can list other users' devices.");
  const { rows, total } = await listDevicesPage(getDb(), { userId, skip: (params.page - 1) * params.perPage, take: params.perPage });
  return { devices: await presentDevices(rows), total };
}

export async function getDevice(actor: Principal, id: string) {
  return presentDevice(await loadVisibleDevice(actor, id));
}

export async function getDeviceConfig(actor: Principal, id: string) {
  const device = await loadVisibleDevice(actor, id);
  const config = await renderStoredDeviceConfig(getDb(), secretBox(), device);
  return { config, fileName: configFileName(device.name) };
}

/** The "Add device" form's owner. Only administrators look others up: nobody else learns who has an account. */
async function findOwnerIdByEmail(actor: Principal, email: string): Promise<string> {
  if (email === actor.email) return actor.id;
  if (!canManageAllDevices(actor)) throw new ForbiddenError("Only administrators can add devices for other users.");
  const owner = await findUserByEmail(getDb(), email);
  if (!owner) throw new ValidationError("ownerEmail: no user has this email", { ownerEmail: "no user has this email" });
  return owner.id;
}

/**
 * The device limit is about the owner: an administrator creating a device for a user at their
 * limit is refused too, unless they pass exceedDeviceLimit to go beyond it on purpose (audited).
 */
export async function createDeviceAs(
  actor: Principal,
  input: { userId?: string; ownerEmail?: string; publicKey?: string; settings: DeviceSettings; exceedDeviceLimit?: boolean },
) {
  const ownerId = input.ownerEmail ? await findOwnerIdByEmail(actor, input.ownerEmail) : (input.userId ?? actor.id);
  await assertMayWrite(actor, ownerId, input.settings);
  if (input.exceedDeviceLimit && !canExceedDeviceLimit(actor)) throw new ForbiddenError("Only administrators can exceed the device limit.");
  const db = getDb();
  const owner = ownerId === actor.id ? actor : await findUserById(db, ownerId);
  if (!owner) throw new ValidationError("userId: no such user", { userId: "no such user" });
  try {
    const created = await createDevice(db, secretBox(), { userId: ownerId, settings: input.settings, publicKey: input.publicKey, exceedLimit: input.exceedDeviceLimit });
    await recordAuditEvent(db, {
      actor,
      action: "device.created",
      targetType: "device",
      targetId: created.device.id,
      details: auditDetails(actor, { name: created.device.name, ownerId, publicKey: created.device.publicKey, ...(input.exceedDeviceLimit && { deviceLimitWaived: true }) }),
    });
    return {
      device: await presentDevice(created.device),
      config: created.config,
      hasPrivateKey: created.hasPrivateKey,
      fileName: configFileName(created.device.name),
      qrSvg: await renderQrSvg(created.config),
    };
  } catch (error) {
    if (error instanceof DeviceLimitError && owner.id !== actor.id) {
      throw new ConflictError(`${owner.email} has reached ${deviceLimitText(error.limit)}. To add one anyway, choose "Exceed the device limit" (exceedDeviceLimit in the API).`);
    }
    throw toAppError(error);
  }
}

export async function updateDeviceAs(actor: Principal, input: { id: string; settings: DeviceSettings }) {
  const device = await loadVisibleDevice(actor, input.id);
  await assertMayWrite(actor, device.userId, input.settings);
  const db = getDb();
  try {
    await checkDeviceSettings(db, device.userId, input.settings, device.id);
  } catch (error) {
    throw toAppError(error);
  }
  const updated = await updateDeviceRow(db, device.id, input.settings);
  await recordAuditEvent(db, { actor, action: "device.updated", targetType: "device", targetId: device.id, details: auditDetails(actor, { name: updated.name }) });
  return presentDevice(updated);
}

export async function deleteDeviceAs(actor: Principal, id: string) {
  const device = await loadVisibleDevice(actor, id);
  if (!canManageDevicesOf(actor, device.userId, await getDevicePolicy())) {
    throw new ForbiddenError("Managing devices is turned off for users; ask an administrator.");
  }
  const db = getDb();
  const deleted = await deleteDeviceRow(db, device.id);
  await recordAuditEvent(db, { actor, action: "device.deleted", targetType: "device", targetId: device.id, details: auditDetails(actor, { name: deleted.name, publicKey: deleted.publicKey }) });
  return { id: deleted.id };
}
