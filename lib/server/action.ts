import "server-only";
import { createActionFactory } from "./guard";
import { getCurrentUser } from "./session";

/** Wraps every server action: authenticate, parse with zod, authorize, then run. */
export const defineAction = createActionFactory(getCurrentUser, (error) => console.error("[action] unexpected error", error));
