// The SLO pages in a real browser against the portal wired to a real local
// Prometheus (Debian's prometheus, backfilled with the demo history): the
// figures on screen equal the ground truth, the range selector re-queries, the
// scorecard drills into a team and exports CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startPrometheusPortal } from './prometheusPortal.mjs';
import { launchBrowser, signedInPage } from './browser.mjs';
import { demoEvents, DEMO_END } from './groundTruth.mjs';

const DAY = 86400;
/**
 * The backend's fixed "now": 10:40 on the last day of the demo data, on a
 * 5-minute bucket but not on the hour, where a window's start falls inside
 * an hour of compacted history if the store ever coarsens too early.
 */
const AT = DEMO_END - 13 * 3600 - 20 * 60;
const screenshotDir = process.env.SLO_SCREENSHOTS_DIR;

let portal;
let browser;
let workDir;

const api = pathname => portal.api(pathname);

async function shot(page, name) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: false });
}

before(async () => {
  portal = await startPrometheusPortal({
    at: AT,
    entities: ['component:default/checkout', 'group:default/payments'],
    prefix: 'slo-e2e-prom-',
  });
  workDir = portal.workDir;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

test('the API serves the exact ground truth collected from Prometheus', async () => {
  const body = await api('/entities/component/default/checkout/slos');
  const availability = body.slos.find(s => s.definition.name === 'checkout-availability');
  const evaluation = availability.evaluations[0];
  const truth = demoEvents('checkout:availability', AT - 30 * DAY, AT);
  assert.equal(evaluation.windowEnd, AT);
  assert.equal(evaluation.total, truth.total);
  assert.equal(evaluation.good, truth.good);
  assert.equal(availability.collection.demo, false);
});

test('a series keeps every event of a fixed range at every maxPoints', async () => {
  // 30 days on 6-hour boundaries: history older than the fine buckets is stored in hours.
  const to = Math.floor(AT / 21600) * 21600;
  const from = to - 30 * DAY;
  const truth = demoEvents('checkout:availability', from, to);
  for (const maxPoints of [240, 500, 720, 1000]) {
    const series = await api(
      `/slos/series?entityRef=component:default/checkout&name=checkout-availability&from=${from}&to=${to}&maxPoints=${maxPoints}`,
    );
    const total = series.points.reduce((sum, point) => sum + point.total, 0);
    const good = series.points.reduce((sum, point) => sum + point.good, 0);
    assert.deepEqual({ maxPoints, good, total }, { maxPoints, good: truth.good, total: truth.total });
  }
});

test('the SLOs tab shows the attainment and budget of the ground truth', async () => {
  const truth = demoEvents('checkout:availability', AT - 30 * DAY, AT);
  const sli = truth.good / truth.total;
  const expectedAttainment = `${(Math.floor(sli * 10000 + 1e-6) / 100).toFixed(2)}%`;
  const remaining = 1 - (truth.total - truth.good) / (truth.total * (1 - 0.999));

  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  await page.goto(`${portal.frontendUrl}/catalog/default/component/checkout/slo`);
  const card = page.getByTestId('slo-card').filter({ hasText: 'checkout-availability' }).first();
  await card.waitFor({ timeout: 60000 });
  const attainment = card.getByTestId('slo-attainment-value');
  assert.equal((await attainment.innerText()).trim(), expectedAttainment);
  const budget = (await card.getByTestId('slo-budget-value').innerText()).trim();
  const budgetNumber = Number(budget.replace('−', '-').replace(/%.*$/, ''));
  assert.ok(Math.abs(budgetNumber - remaining * 100) < 1, `budget ${budget} vs ${(remaining * 100).toFixed(2)}%`);
  assert.equal(await page.getByTestId('slo-demo-badge').count(), 0, 'real Prometheus data is not labelled as demo');

  // The charts end where the headline is computed: their latest figures are the headline's.
  // The figure's own role="img" (recharts' svg inside it is one too).
  const sliChart = card.getByTestId('slo-chart-sli').getByRole('img').first();
  await sliChart.waitFor({ timeout: 60000 });
  const sliSummary = await sliChart.getAttribute('aria-label');
  assert.match(sliSummary, new RegExp(`latest ${expectedAttainment.replace('.', '\\.')},`), sliSummary);
  const budgetSummary = await card.getByTestId('slo-chart-budget').getByRole('img').first().getAttribute('aria-label');
  assert.ok(budgetSummary.endsWith(`to ${budget}.`), `${budgetSummary} does not end at the headline ${budget}`);
  await shot(page, 'slo-tab-light');
  await page.context().close();
});

test('switching the time range re-queries the series for that range', async () => {
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  await page.goto(`${portal.frontendUrl}/catalog/default/component/checkout/slo`);
  const card = page.getByTestId('slo-card').filter({ hasText: 'checkout-availability' }).first();
  await card.waitFor({ timeout: 60000 });
  const selector = card.getByTestId('slo-range-selector');
  await selector.waitFor({ timeout: 60000 });
  // The tab first loads the SLO's own 30-day window; the 7-day request must follow the click.
  const isSeries = res => res.url().includes('/slos/series') && res.url().includes('checkout-availability');
  const span = res => {
    const url = new URL(res.url());
    return Number(url.searchParams.get('to')) - Number(url.searchParams.get('from'));
  };
  const response = page.waitForResponse(res => isSeries(res) && span(res) === 7 * DAY, { timeout: 60000 });
  await selector.getByRole('button', { name: /7\s*d/i }).click();
  const url = new URL((await response).url());
  assert.equal(Number(url.searchParams.get('to')), AT);
  const series = await (await response).json();
  assert.ok(series.points.length > 0 && series.points.length <= 500);
  await page.context().close();
});

test('the scorecard drills into a team and exports its table as CSV', async () => {
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  await page.goto(`${portal.frontendUrl}/slo`);
  const teams = page.getByTestId('scorecard-teams-table');
  await teams.waitFor({ timeout: 60000 });
  await shot(page, 'scorecard-light');
  await teams.getByRole('link', { name: 'Payments' }).click();
  await page.waitForURL(/group=group(%3A|:)default(%2F|\/)payments/);
  const rows = page.getByTestId('scorecard-slo-row');
  await rows.first().waitFor({ timeout: 60000 });
  const text = await page.getByTestId('scorecard').innerText();
  assert.match(text, /checkout-availability/);
  assert.doesNotMatch(text, /query-availability/, 'a search-team SLO leaked into the payments view');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('scorecard-csv').click(),
  ]);
  const file = path.join(workDir, 'scorecard.csv');
  await download.saveAs(file);
  const csv = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  assert.ok(csv.length >= 2, 'the CSV has a header and rows');
  assert.match(csv[0], /SLO/i);
  assert.ok(csv.some(line => line.includes('checkout-availability')));
  await page.context().close();
});

test('a browser that prefers dark gets the dark theme on the tab and the scorecard', async () => {
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl, colorScheme: 'dark' });
  await page.goto(`${portal.frontendUrl}/catalog/default/component/checkout/slo`);
  const card = page.getByTestId('slo-card').first();
  await card.waitFor({ timeout: 60000 });
  const background = await card.evaluate(el => getComputedStyle(el).backgroundColor);
  const [r, g, b] = background.match(/\d+/g).map(Number);
  assert.ok(0.2126 * r + 0.7152 * g + 0.0722 * b < 128, `the SLO card's background ${background} is not dark`);
  await shot(page, 'slo-tab-dark');
  await page.goto(`${portal.frontendUrl}/slo`);
  await page.getByTestId('scorecard-teams-table').waitFor({ timeout: 60000 });
  await shot(page, 'scorecard-dark');
  await page.context().close();
});
