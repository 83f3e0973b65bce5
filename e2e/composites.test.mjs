// Composite SLOs of a System in a real browser, against the portal wired to
// a real local Prometheus (Debian's prometheus, backfilled with the demo
// history): the System's SLOs tab shows each composite's headline figure as
// the API computes it (and the pooled ground truth), a members table with
// each member's share of the bad events, status and a link to its tab, a
// hidden member as "another entity", and the scorecard counts the composite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPortal, waitForEntities, guestToken, repoRoot, freePorts } from './portal.mjs';
import { launchBrowser, signedInPage } from './browser.mjs';
import { demoEvents, DEMO_END } from './groundTruth.mjs';
import { readCsvRecords } from './csv.mjs';

const DAY = 86400;
/** The backend's fixed "now": 10:40 on the last day of the demo data, as in prometheus.test.mjs. */
const AT = DEMO_END - 13 * 3600 - 20 * 60;
const SYSTEM_TAB = '/catalog/default/system/commerce/slo';
const workDir = mkdtempSync(path.join(tmpdir(), 'slo-e2e-composites-'));
const screenshotDir = process.env.SLO_SCREENSHOTS_DIR;

let prometheus;
let portal;
let browser;
let token;

/** Debian's Prometheus with the demo history, on a free port of its own. */
async function startDemoPrometheus() {
  const [port] = await freePorts(1);
  const child = spawn(
    process.execPath,
    ['packages/prometheus-fixture/bin/prometheus-demo', '--port', String(port), '--data-dir', path.join(workDir, 'prometheus')],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout.on('data', c => (output += c));
  child.stderr.on('data', c => (output += c));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus-demo exited: ${output}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // starting
    }
    if (Date.now() > deadline) throw new Error(`Prometheus not ready in time: ${output}`);
    await new Promise(r => setTimeout(r, 500));
  }
  return {
    url,
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone
      }
    },
  };
}

async function api(pathname) {
  const url = `${portal.backendUrl}/api/slo${pathname}`;
  const get = () => fetch(url, { headers: { authorization: `Bearer ${token}` } });
  let res;
  try {
    res = await get();
  } catch (error) {
    // A kept-alive connection the backend closed while idle (after its 5 s
    // keep-alive timeout) fails the request before it is sent: ask once more.
    console.log(`# ${pathname}: ${error.cause?.message ?? error.message}; asking again`);
    res = await get();
  }
  assert.equal(res.status, 200, `${pathname} answered ${res.status}`);
  return res.json();
}

async function shot(page, name) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** An attainment as the card shows it: two decimals, never rounded up to the target. */
const attainmentText = sli => `${(Math.floor(sli * 10000 + 1e-6) / 100).toFixed(2)}%`;

/** A share as the members table shows it: whole percent, never 100% or 0% unless exact. */
function shareText(share) {
  let percent = Math.round(share * 100);
  if (percent === 100 && share < 1) percent = 99;
  else if (percent === 0 && share > 0) percent = 1;
  return `${percent}%`;
}

async function composites() {
  return api('/entities/system/default/commerce/composites');
}

/** Waits until every chart and history of the page has loaded, scrolling each placeholder into view. */
async function settle(page) {
  const pending = page.locator('[aria-label="Loading charts"], [aria-label="Loading history"], [data-testid="progress"]');
  const deadline = Date.now() + 90000;
  for (let count = await pending.count(); count > 0; count = await pending.count()) {
    if (Date.now() > deadline) throw new Error(`${count} parts of the page still loading after 90 s`);
    await pending
      .first()
      .scrollIntoViewIfNeeded({ timeout: 2000 })
      .catch(() => {});
    await page.waitForTimeout(300);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

before(async () => {
  prometheus = await startDemoPrometheus();
  const dbConfig = path.join(workDir, 'app-config.e2e.yaml');
  writeFileSync(
    dbConfig,
    `backend:\n  database:\n    client: better-sqlite3\n    connection:\n      directory: ${JSON.stringify(path.join(workDir, 'sqlite'))}\n` +
      `slo:\n  now: ${new Date(AT * 1000).toISOString()}\n`,
  );
  portal = await startPortal({
    configs: ['app-config.prometheus.yaml', dbConfig],
    env: { SLO_DEMO_PROMETHEUS_URL: prometheus.url },
  });
  console.log(`# portal ready after ${(portal.startupMs / 1000).toFixed(1)} s on ${portal.frontendUrl} and ${portal.backendUrl}`);
  await waitForEntities(portal.backendUrl, [
    'system:default/commerce',
    'domain:default/shop',
    'component:default/checkout',
    'component:default/payment-gateway',
    'group:default/payments',
  ]);
  token = await guestToken(portal.backendUrl);
  // The first collection cycle backfills the demo history from Prometheus:
  // about a minute, several on a machine busy with other work.
  const started = Date.now();
  for (;;) {
    const collector = await api('/collector');
    if (collector.lastRun && collector.lastRun.sloCount > 0) break;
    if (Date.now() - started > 480000) throw new Error('no collection cycle finished within 8 minutes');
    await new Promise(r => setTimeout(r, 1000));
  }
  console.log(`# first collection cycle done after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
  prometheus?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

test("the API pools the members' events of the ground truth", async () => {
  const body = await composites();
  assert.deepEqual(body.problems, []);
  const journey = body.composites.find(c => c.name === 'checkout-journey');
  const checkout = demoEvents('checkout:availability', AT - 30 * DAY, AT);
  const payments = demoEvents('payment-gateway:availability', AT - 30 * DAY, AT);
  assert.equal(journey.evaluation.windowEnd, AT);
  assert.equal(journey.evaluation.total, checkout.total + payments.total);
  assert.equal(journey.evaluation.good, checkout.good + payments.good);
  const shares = journey.members.map(m => m.badShare);
  const bad = [checkout.total - checkout.good, payments.total - payments.good];
  assert.ok(Math.abs(shares[0] - bad[0] / (bad[0] + bad[1])) < 1e-12, `checkout's share ${shares[0]}`);
  assert.equal(journey.members[0].entityRef, 'component:default/checkout');
});

test("the System's tab shows each composite's headline as the API computes it, and its members", async () => {
  const body = await composites();
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  await page.goto(`${portal.frontendUrl}${SYSTEM_TAB}`);
  const section = page.getByRole('region', { name: 'Composite SLOs' });
  await section.waitFor({ timeout: 60000 });
  const cards = page.getByTestId('composite-slo-card');
  await cards.first().waitFor({ timeout: 60000 });
  assert.deepEqual(
    (await cards.evaluateAll(list => list.map(card => card.getAttribute('data-composite')))).sort(),
    body.composites.map(c => c.name).sort(),
  );

  for (const composite of body.composites) {
    const card = page.locator(`[data-testid="composite-slo-card"][data-composite="${composite.name}"]`);
    const figures = composite.evaluation ?? composite.weighted;
    const sli = figures.sli;
    assert.equal(await card.getAttribute('data-health'), composite.health);
    assert.equal((await card.getByTestId('slo-attainment-value').first().innerText()).trim(), attainmentText(sli));
    const budget = (await card.getByTestId('slo-budget-value').first().innerText()).trim();
    const remaining = composite.evaluation?.errorBudget.remainingFraction ?? composite.weighted.errorBudgetRemaining;
    const budgetNumber = Number(budget.replace('−', '-').replace(/%.*$/, ''));
    assert.ok(Math.abs(budgetNumber - remaining * 100) < 1, `${composite.name}: budget ${budget} vs ${remaining * 100}%`);

    // The members table: one row per member, largest share of the bad events first.
    const rows = card.getByTestId('composite-member');
    const expected = [...composite.members].sort((a, b) => (b.badShare ?? -1) - (a.badShare ?? -1));
    assert.equal(await rows.count(), expected.length);
    for (const [i, member] of expected.entries()) {
      const row = rows.nth(i);
      assert.equal(await row.getAttribute('data-member'), `${member.entityRef}/${member.sloName}`);
      assert.equal((await row.getByTestId('composite-member-share').innerText()).trim(), shareText(member.badShare));
      assert.equal(await row.getByTestId('slo-health').getAttribute('data-health'), member.health);
      const name = member.entityRef.split('/').pop();
      assert.equal(
        await row.getByRole('link', { name }).getAttribute('href'),
        `/catalog/default/component/${name}/slo`,
      );
    }
  }

  // The events composite's charts end where its headline is computed.
  const journey = page.locator('[data-testid="composite-slo-card"][data-composite="checkout-journey"]');
  // Charts load once they come near the viewport.
  await journey.getByRole('region', { name: 'Charts of checkout-journey' }).scrollIntoViewIfNeeded();
  const sliChart = journey.getByTestId('slo-chart-sli').getByRole('img').first();
  await sliChart.waitFor({ timeout: 60000 });
  const expectedAttainment = attainmentText(body.composites.find(c => c.name === 'checkout-journey').evaluation.sli);
  assert.match(await sliChart.getAttribute('aria-label'), new RegExp(`latest ${expectedAttainment.replace('.', '\\.')},`));

  // A member's link opens its entity's SLOs tab.
  await journey.getByRole('link', { name: 'checkout', exact: true }).click();
  await page.waitForURL(/\/catalog\/default\/component\/checkout\/slo$/);
  await page.getByTestId('slo-card').first().waitFor({ timeout: 60000 });
  await page.context().close();
});

test('a member the caller may not read shows as "another entity", without link or figures', async () => {
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  // What the API answers such a caller (see the permission test of the backend).
  await page.route('**/api/slo/entities/system/default/commerce/composites', async route => {
    const response = await route.fetch();
    const body = await response.json();
    for (const composite of body.composites) {
      composite.members = composite.members.map(m =>
        m.entityRef === 'component:default/payment-gateway' ? { visible: false, label: 'another entity' } : m,
      );
    }
    await route.fulfill({ response, json: body });
  });
  await page.goto(`${portal.frontendUrl}${SYSTEM_TAB}`);
  const journey = page.locator('[data-testid="composite-slo-card"][data-composite="checkout-journey"]');
  await journey.waitFor({ timeout: 60000 });
  const hidden = journey.locator('[data-testid="composite-member"][data-member="hidden"]');
  assert.match(await hidden.innerText(), /another entity/);
  assert.equal(await hidden.getByRole('link').count(), 0);
  assert.doesNotMatch(await hidden.innerText(), /\d|payment/);
  assert.doesNotMatch(await journey.innerText(), /payment-gateway/);
  await page.context().close();
});

test("the Domain's tab shows its composite across two Systems", async () => {
  const body = await api('/entities/domain/default/shop/composites');
  const browseAndBuy = body.composites.find(c => c.name === 'browse-and-buy');
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  await page.goto(`${portal.frontendUrl}/catalog/default/domain/shop/slo`);
  const card = page.locator('[data-testid="composite-slo-card"][data-composite="browse-and-buy"]');
  await card.waitFor({ timeout: 60000 });
  assert.equal((await card.getByTestId('slo-attainment-value').first().innerText()).trim(), attainmentText(browseAndBuy.evaluation.sli));
  assert.equal(await card.getByTestId('composite-member').count(), 3);
  await page.context().close();
});

test("the scorecard counts the System's composites for the team that owns it", async () => {
  const scorecard = await api('/scorecard?group=group:default/payments');
  const row = scorecard.slos.find(r => r.entityRef === 'system:default/commerce' && r.name === 'checkout-journey');
  assert.equal(row.composite, 'events');
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  await page.goto(`${portal.frontendUrl}/slo?group=group%3Adefault%2Fpayments`);
  const tableRow = page.locator('[data-testid="scorecard-slo-row"][data-slo="system:default/commerce/checkout-journey"]');
  await tableRow.waitFor({ timeout: 60000 });
  assert.match(await tableRow.innerText(), /composite, events/);
  // The CSV export marks the row as the page does.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scorecard-csv').click()]);
  const file = path.join(workDir, 'scorecard.csv');
  await download.saveAs(file);
  const rows = readCsvRecords(file);
  const csvRow = rows.find(r => r['Entity ref'] === 'system:default/commerce' && r.SLO === 'checkout-journey');
  assert.equal(csvRow?.Kind, 'composite, events');
  assert.ok(rows.filter(r => r['Entity ref'].startsWith('component:')).every(r => r.Kind === 'slo'), 'a plain SLO not marked slo');
  await page.context().close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`the System's tab in the ${colorScheme} theme (screenshot)`, async () => {
    const page = await signedInPage(browser, { baseUrl: portal.frontendUrl, colorScheme, viewport: { width: 1280, height: 900 } });
    await page.goto(`${portal.frontendUrl}${SYSTEM_TAB}`);
    const card = page.getByTestId('composite-slo-card').first();
    await card.waitFor({ timeout: 60000 });
    await settle(page);
    const background = await card.evaluate(el => getComputedStyle(el).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    const dark = 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
    assert.equal(dark, colorScheme === 'dark', `the card's background ${background} in the ${colorScheme} theme`);
    await shot(page, `composites-${colorScheme}`);
    await page.context().close();
  });
}
