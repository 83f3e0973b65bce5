// Debian's Chromium driven by playwright-core: no browser download, ever.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execSync('command -v chromium', { shell: '/bin/sh' }).toString().trim();
  } catch {
    throw new Error("Debian's chromium is missing: apt-get install --no-install-recommends chromium (or set CHROMIUM_PATH)");
  }
}

/** Launches headless Chromium with the flags this sandbox needs. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A signed-in page: the guest provider's Enter button, as a user would. */
export async function signedInPage(browser, { baseUrl, colorScheme = 'light', viewport = { width: 1366, height: 900 } }) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('link', { name: 'Catalog' }).first().waitFor();
  return page;
}
