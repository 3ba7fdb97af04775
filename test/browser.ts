/**
 * Test support: Debian's headless Chromium driven by playwright-core (no browser download). `npm test`
 * installs the `chromium` package when missing (as root) or fails naming it.
 * @module
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Path of Debian's Chromium (override with CHROMIUM_PATH). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Starts headless Chromium with the flags this machine's closed network needs. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install the Debian package 'chromium' (npm test does this as root)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
