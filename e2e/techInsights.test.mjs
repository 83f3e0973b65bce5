// The Tech Insights scorecard in a real browser, against the demo portal: the
// demo backend retrieves the SLO facts (sloFactRetriever, every 2 minutes) and
// runs docs/tech-insights.md's two example checks with the JSON rules engine;
// checkout's overview page shows them on the "Scorecard" card (the demo app's
// card over the tech-insights API: the community frontend plugin is not in the
// registry). checkout is a production tier-1 service that pages in the demo:
// it declares an SLO (pass) and does not meet all of them (fail). axe-core
// finds no serious or critical violation in the card, light and dark, at 390
// and 1280 px, and the card fits 390 px without scrolling sideways.
//
// SLO_SCREENSHOTS_DIR=docs/screenshots writes tech-insights-<width>-<theme>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { guestToken, startPortalOnSqlite, waitForEntities } from './portal.mjs';
import { launchBrowser, signedInPage } from './browser.mjs';

const require = createRequire(import.meta.url);
const axeSource = require.resolve('axe-core/axe.min.js');
const workDir = mkdtempSync(path.join(tmpdir(), 'slo-e2e-tech-insights-'));
const screenshotDir = process.env.SLO_SCREENSHOTS_DIR ? path.resolve(process.env.SLO_SCREENSHOTS_DIR) : undefined;
const CARD = '[data-testid="tech-insights-checks-card"]';
const EXPECTED = [
  'Passed: Every production service declares an SLO',
  'Failed: Tier-1 services meet all SLOs',
];

let portal;
let browser;

/** checkout's check results as the card asks for them (all checks, run now). */
async function checkoutResults() {
  const token = await guestToken(portal.backendUrl);
  const res = await fetch(`${portal.backendUrl}/api/tech-insights/checks/run/default/component/checkout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  return res.ok ? res.json() : [];
}

before(async () => {
  portal = await startPortalOnSqlite(workDir);
  await waitForEntities(portal.backendUrl, ['component:default/checkout']);
  // The facts arrive with the retriever's first run after the first SLO collection.
  const deadline = Date.now() + 300000;
  for (;;) {
    const results = await checkoutResults();
    const paging = results.find(r => r.check?.id === 'tierOneMeetsAllSlos')?.facts?.pagingNow?.value;
    if (results.length === 2 && paging === true) break;
    assert.ok(Date.now() < deadline, `no SLO facts for checkout within 5 minutes: ${JSON.stringify(results).slice(0, 300)}`);
    await new Promise(r => setTimeout(r, 5000));
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

/** axe inside the card: serious or critical violations, one entry per node. */
async function scanCard(page) {
  await page.addScriptTag({ path: axeSource });
  return page.evaluate(async selector => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document.querySelector(selector), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .flatMap(v => v.nodes.map(n => `${v.id} ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`));
  }, CARD);
}

for (const colorScheme of ['light', 'dark']) {
  for (const width of [390, 1280]) {
    test(`checkout's overview shows the SLO checks, ${colorScheme} theme, ${width} px, without axe violations`, async () => {
      // Signed in wide (at 390 px the sidebar folds away), then narrowed.
      const page = await signedInPage(browser, { baseUrl: portal.frontendUrl, colorScheme });
      await page.setViewportSize({ width, height: 900 });
      try {
        await page.goto(`${portal.frontendUrl}/catalog/default/component/checkout`);
        const card = page.locator(CARD);
        await card.locator('[data-testid="tech-insights-check"]').first().waitFor({ timeout: 60000 });
        const rows = await card.locator('[data-testid="tech-insights-check"]').allInnerTexts();
        assert.deepEqual(
          rows.map(r => r.split('\n')[0].trim()),
          EXPECTED,
        );
        assert.equal(await card.getByTestId('tech-insights-summary').innerText(), '1 of 2 checks passed');
        assert.ok(await card.getByRole('heading', { level: 2, name: 'Scorecard' }).isVisible());
        // Nothing cut off: the card and every line of text fit their boxes.
        const overflow = await card.evaluate(el =>
          Math.max(...[el, ...el.querySelectorAll('p, span')].map(e => e.scrollWidth - e.clientWidth)),
        );
        assert.ok(overflow <= 0, `the card scrolls sideways by ${overflow} px at ${width} px`);
        const violations = await scanCard(page);
        assert.deepEqual(violations, [], 'serious or critical axe violations in the card');
        if (screenshotDir) {
          mkdirSync(screenshotDir, { recursive: true });
          await card.scrollIntoViewIfNeeded();
          await card.screenshot({ path: path.join(screenshotDir, `tech-insights-${width}-${colorScheme}.png`) });
        }
      } finally {
        await page.context().close();
      }
    });
  }
}
