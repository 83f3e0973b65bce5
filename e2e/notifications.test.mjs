// Owner notifications in a real browser, against the demo portal: on its first
// collection the demo's paging checkout-availability (owned by payments, whose
// member the guest is) is announced, and the guest finds one notification for
// it on the notifications page, in plain words, linking to the SLO tab; the
// demo's overspent scoring-availability (fraud-detection, also payments') is
// announced once as "has spent its error budget".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPortalOnSqlite, guestToken } from './portal.mjs';
import { launchBrowser, signedInPage } from './browser.mjs';

const workDir = mkdtempSync(path.join(tmpdir(), 'slo-e2e-notifications-'));
const screenshotDir = process.env.SLO_SCREENSHOTS_DIR;
const TITLE = 'checkout-availability is paging';

let portal;
let browser;

/** The guest's notifications, as the notifications page reads them. */
async function guestNotifications() {
  const token = await guestToken(portal.backendUrl);
  const res = await fetch(`${portal.backendUrl}/api/notifications/notifications`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200, `GET notifications answered ${res.status}`);
  return (await res.json()).notifications;
}

before(async () => {
  portal = await startPortalOnSqlite(workDir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

test('the owners get one notification for the paging SLO, linking to its tab', async () => {
  // The first collection runs some seconds after start (slo.collector.initialDelay).
  const deadline = Date.now() + 180000;
  let mine = [];
  while (mine.length === 0) {
    assert.ok(Date.now() < deadline, 'no notification for checkout-availability within 3 minutes');
    await new Promise(r => setTimeout(r, 2000));
    mine = (await guestNotifications()).filter(n => n.payload.scope?.startsWith('slo:component:default/checkout/checkout-availability:'));
  }
  assert.equal(mine.length, 1, 'one notification per episode');
  assert.equal(mine[0].payload.title, TITLE);
  assert.equal(mine[0].payload.severity, 'critical');
  assert.equal(mine[0].payload.link, '/catalog/default/component/checkout/slo');

  for (const colorScheme of ['light', 'dark']) {
    const page = await signedInPage(browser, { baseUrl: portal.frontendUrl, colorScheme, viewport: { width: 1280, height: 800 } });
    await page.goto(`${portal.frontendUrl}/notifications`);
    const title = page.getByText(TITLE).first();
    await title.waitFor({ timeout: 60000 });
    if (screenshotDir) {
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: path.join(screenshotDir, `notifications-${colorScheme}.png`) });
    }
    // The description in plain words, under the title.
    await page.getByText(/Burning its error budget at up to \d+(\.\d)?× the sustainable rate/).first().waitFor({ timeout: 10000 });
    if (colorScheme === 'light') {
      // The notification opens the SLO tab of checkout.
      await title.click();
      await page.waitForURL(/\/catalog\/default\/component\/checkout\/slo/, { timeout: 30000 });
    }
    await page.context().close();
  }
});

const BUDGET_SCOPE = 'slo-budget:component:default/fraud-detection/scoring-availability:';
const BUDGET_TITLE = 'scoring-availability has spent its error budget';

test('the owners hear once that an SLO has spent its error budget, in plain words', async () => {
  const deadline = Date.now() + 180000;
  let mine = [];
  while (mine.length === 0) {
    assert.ok(Date.now() < deadline, 'no budget notification for scoring-availability within 3 minutes');
    await new Promise(r => setTimeout(r, 2000));
    mine = (await guestNotifications()).filter(n => n.payload.scope?.startsWith(BUDGET_SCOPE));
  }
  assert.equal(mine.length, 1, 'one notification per exhaustion episode');
  assert.equal(mine[0].payload.title, BUDGET_TITLE);
  assert.equal(mine[0].payload.severity, 'high');
  assert.equal(mine[0].payload.topic, 'slo-budget');
  assert.equal(mine[0].payload.link, '/catalog/default/component/fraud-detection/slo');
  assert.match(mine[0].payload.description, /^Error budget left: −\d+(\.\d+)?% \(overspent\) over this month \(Europe\/Berlin\), (at least )?since /);

  for (const colorScheme of ['light', 'dark']) {
    for (const width of [390, 1280]) {
      // Signed in wide (at 390 px the sidebar folds away), then narrowed.
      const page = await signedInPage(browser, { baseUrl: portal.frontendUrl, colorScheme });
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${portal.frontendUrl}/notifications`);
      await page.getByText(BUDGET_TITLE).first().waitFor({ timeout: 60000 });
      await page.getByText(/Error budget left: −\d+(\.\d+)?% \(overspent\)/).first().waitFor({ timeout: 10000 });
      if (screenshotDir) {
        mkdirSync(screenshotDir, { recursive: true });
        await page.screenshot({ path: path.join(screenshotDir, `notifications-budget-${width}-${colorScheme}.png`) });
      }
      await page.context().close();
    }
  }
});
