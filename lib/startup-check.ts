// Imported by instrumentation.ts in the Node.js runtime only: a bad setting stops start-up here,
// naming the variable, instead of failing on the first request.
import { EnvError, getEnv, type Env } from "./env";

export function checkSettingsOrExit(): Env {
  try {
    return getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`WireGUI cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
