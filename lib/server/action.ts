import "server-only";
import { headers } from "next/headers";
import { requestContextFrom } from "../request-context";
import { createActionFactory } from "./guard";
import { getCurrentUser } from "./session";

/** Wraps every server action: authenticate, parse with zod, authorize, then run (audit events get the caller's address and user agent). */
export const defineAction = createActionFactory(
  getCurrentUser,
  (error) => console.error("[action] unexpected error", error),
  async () => requestContextFrom(await headers()),
);
