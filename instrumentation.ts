export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkSettingsOrExit } = await import("./lib/startup-check");
    checkSettingsOrExit();
  }
}
