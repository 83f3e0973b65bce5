// The reliability review (issue 13) in a real browser against the portal
// wired to a real local Prometheus: the page for the organisation and for one
// team shows the API's figures, which equal the fixture's ground truth; the
// most-missed ranking re-sorts by each column; a target shows its progress and
// forecast; episodes show; the CSV export holds the page's numbers.
//
// SLO_SCREENSHOTS_DIR=docs/screenshots also writes review-light.png and
// review-dark.png (the organisation over the last 12 months, the whole page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startPrometheusPortal } from './prometheusPortal.mjs';
import { launchBrowser, signedInPage } from './browser.mjs';
import { demoEvents, DEMO_END } from './groundTruth.mjs';
import { showMonths, tableRows } from './reviewPage.mjs';
import { readCsvRecords } from './csv.mjs';

/** The backend's "now", as in e2e/prometheus.test.mjs: 2026-11-19 10:40 UTC. */
const AT = DEMO_END - 13 * 3600 - 20 * 60;
const OCTOBER = Date.UTC(2026, 9, 1) / 1000;
const NOVEMBER = Date.UTC(2026, 10, 1) / 1000;
const screenshotDir = process.env.SLO_SCREENSHOTS_DIR ? path.resolve(process.env.SLO_SCREENSHOTS_DIR) : undefined;
const PAYMENTS = 'group:default/payments';

let portal;
let browser;

before(async () => {
  portal = await startPrometheusPortal({
    at: AT,
    entities: ['component:default/checkout', 'component:default/payment-gateway', PAYMENTS],
    prefix: 'slo-e2e-review-',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

/** An attainment as the page shows it: truncated to two decimals, never rounded up to the objective. */
const shownAttainment = sli => `${(Math.floor(sli * 10000 + 1e-6) / 100).toFixed(2)}%`;
const VERDICT = {
  met: ['✓', 'met'],
  missed: ['✗', 'missed'],
  'low-traffic': ['', 'too little traffic'],
  'no-data': ['', 'no data'],
};
const TARGET_WORDS = { met: 'met', missed: 'missed', 'on-track': 'on track', 'at-risk': 'at risk', 'no-data': 'no data' };
const oneLine = text => text.replace(/\s+/g, ' ').trim();

/** A grid cell's text for an SLO's period from the API, as the page should write it. */
function expectedCell(period) {
  const [mark, words] = VERDICT[period.verdict];
  const figure = period.sli === null ? words : `${shownAttainment(period.sli)} ${words}`;
  const episodes = period.episodes.length;
  return oneLine(
    `${mark} ${figure}${period.exact ? '' : ' (approximate)'}${episodes ? ` ${episodes} episode${episodes > 1 ? 's' : ''}` : ''}`,
  );
}

/** A row's name as the page writes it: a composite SLO's says which semantics it pools by. */
const rowName = slo => `${slo.entityTitle} / ${slo.name}${slo.composite ? ` (composite, ${slo.composite})` : ''}`;
/** The CSV's kind column: what the page writes in brackets after a composite's name. */
const kindOf = slo => (slo.composite ? `composite, ${slo.composite}` : 'slo');

async function openReview(options = {}, search = '') {
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl, ...options });
  await page.goto(`${portal.frontendUrl}/slo-review${search}`);
  await page.getByTestId('review-grid-row').first().waitFor({ timeout: 90000 });
  return page;
}

async function download(page, testId, file) {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const target = path.join(portal.workDir, file);
  await saved.saveAs(target);
  return readCsvRecords(target);
}

async function shot(page, name) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

test("the review API's periods hold the ground truth's exact event counts", async () => {
  const months = await portal.api('/review?period=month&count=3');
  const quarters = await portal.api('/review?period=quarter&count=4');
  assert.deepEqual(
    months.periods.slice(1).map(p => [p.label, p.start, p.current]),
    [
      ['2026-10', OCTOBER, false],
      ['2026-11', NOVEMBER, true],
    ],
  );
  for (const [entityRef, name, series] of [
    ['component:default/checkout', 'checkout-availability', 'checkout:availability'],
    ['component:default/payment-gateway', 'availability', 'payment-gateway:availability'],
  ]) {
    const month = months.slos.find(s => s.entityRef === entityRef && s.name === name);
    const quarter = quarters.slos.find(s => s.entityRef === entityRef && s.name === name);
    const [, october, november] = month.periods;
    const q4 = quarter.periods[3];
    for (const [period, start, end] of [
      [october, OCTOBER, NOVEMBER],
      [november, NOVEMBER, AT],
      [q4, OCTOBER, AT],
    ]) {
      const truth = demoEvents(series, start, end);
      assert.ok(truth.total > 0, `${series} has events from ${start}`);
      assert.deepEqual(
        { label: period.label, good: period.good, total: period.total, exact: period.exact },
        { label: period.label, good: truth.good, total: truth.total, exact: true },
        `${entityRef} ${name}`,
      );
    }
  }
});

test("the organisation's review shows the API's figures in its SLO × quarter grid, with episodes", async () => {
  const review = await portal.api('/review?period=quarter&count=4');
  const page = await openReview();
  try {
    assert.match(await page.getByTestId('review-scope').innerText(), /^Organisation · last 4 quarters \(2026-Q1 to 2026-Q4, UTC\)/);
    const headers = await page.getByTestId('review-grid').locator('thead th').allInnerTexts();
    assert.deepEqual(headers.map(oneLine), ['SLO', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4 (so far)']);
    const rows = await tableRows(page, 'review-grid');
    assert.deepEqual(
      rows,
      review.slos.map(slo => [rowName(slo), ...slo.periods.map(expectedCell)]),
    );
    // The checkout SLO's quarter so far, straight from the ground truth.
    const truth = demoEvents('checkout:availability', OCTOBER, AT);
    const checkout = rows.find(row => row[0] === 'Checkout / checkout-availability');
    assert.ok(checkout[4].startsWith(`✓ ${shownAttainment(truth.good / truth.total)} met`), checkout[4]);
    const withEpisodes = rows.filter(row => / \d+ episodes?$/.test(row[4]));
    assert.ok(withEpisodes.length >= 3, `only ${withEpisodes.length} SLOs show an episode`);
  } finally {
    await page.context().close();
  }
});

test("one team's review (?group=) shows only its SLOs and its targets", async () => {
  const review = await portal.api('/review?period=quarter&count=4');
  const payments = review.teams.find(team => team.groupRef === PAYMENTS);
  const page = await openReview({}, `?group=${encodeURIComponent(PAYMENTS)}`);
  try {
    assert.match(await page.getByTestId('review-scope').innerText(), /^Payments · last 4 quarters/);
    assert.match(await page.getByRole('combobox', { name: /^Team/ }).innerText(), /Payments/);
    const names = (await tableRows(page, 'review-grid')).map(row => row[0]);
    assert.deepEqual(names, payments.sloIndexes.map(i => rowName(review.slos[i])));
    const targets = await page.getByTestId('review-targets').locator('li').allInnerTexts();
    assert.deepEqual(
      targets.map(text => text.split(':')[0]),
      payments.targets.map(() => 'Payments'),
    );
  } finally {
    await page.context().close();
  }
});

/** The number a ranking cell sorts by: "1 of 3" → 1, "111% (overspent) (2026-11)" → 111, "2.3 h" → 2.3, "—" → -∞. */
const sortValue = text => (/^\d/.test(text) ? parseFloat(text) : -Infinity);

test('the most-missed ranking re-sorts by missed periods, worst overspend and paging hours, one click each', async () => {
  const review = await portal.api('/review?period=month&count=12');
  const bySlo = new Map(review.slos.map(slo => [rowName(slo), slo]));
  const page = await openReview();
  try {
    await showMonths(page);
    await shot(page, 'review-light');
    const columns = [
      { header: 'months missed', cell: 1, key: slo => slo.missedPeriods },
      { header: 'Worst overspend', cell: 2, key: slo => slo.worstBudgetSpent?.value ?? -Infinity },
      { header: 'Paging', cell: 3, key: slo => slo.pagingHours ?? -Infinity },
    ];
    const leaders = [];
    for (const [i, column] of columns.entries()) {
      if (i > 0) await page.getByRole('button', { name: column.header, exact: true }).click();
      const header = page.getByRole('columnheader', { name: column.header, exact: true });
      await page.waitForFunction(
        name => [...document.querySelectorAll('[data-testid="review-ranking"] th[aria-sort]')].some(th => th.innerText.trim() === name),
        column.header,
      );
      assert.equal(await header.getAttribute('aria-sort'), 'descending', `${column.header} is not announced as sorted`);
      const rows = await tableRows(page, 'review-ranking');
      assert.equal(rows.length, Math.min(20, review.slos.length));
      const values = rows.map(row => sortValue(row[column.cell]));
      for (let r = 1; r < values.length; r++) {
        assert.ok(values[r] <= values[r - 1], `by ${column.header}: row ${r + 1} (${rows[r][0]}) above ${rows[r - 1][0]}`);
      }
      // The leader is the API's worst by this column, and each row's figures are its own.
      const worst = Math.max(...review.slos.map(column.key));
      assert.equal(column.key(bySlo.get(rows[0][0])), worst, `${rows[0][0]} leads by ${column.header}`);
      for (const row of rows) {
        const slo = bySlo.get(row[0]);
        assert.equal(row[1], `${slo.missedPeriods} of ${slo.judgedPeriods}`);
        assert.equal(row[4], String(slo.episodes));
      }
      leaders.push(rows[0][0]);
    }
    // The demo's data has a different worst SLO by each measure: each sort changed the order.
    assert.equal(new Set(leaders).size, 3, `leaders ${leaders.join(', ')}`);
  } finally {
    await page.context().close();
  }
});

test("a team's monthly target shows its progress per month and the current month's forecast", async () => {
  const review = await portal.api('/review?period=month&count=12');
  const payments = review.teams.find(team => team.groupRef === PAYMENTS);
  const monthly = payments.targets.find(target => target.period === 'month');
  assert.ok(monthly.current, 'the current month has a forecast');
  const page = await openReview({}, `?group=${encodeURIComponent(PAYMENTS)}`);
  try {
    await showMonths(page);
    const item = page.getByTestId('review-targets').locator('li').filter({ hasText: `Payments: ${monthly.name}` });
    const text = oneLine(await item.innerText());
    for (const progress of monthly.periods.filter(p => p.shareMet !== null)) {
      assert.ok(
        text.includes(`${progress.label}: ${Math.round(progress.shareMet * 100)}% ${TARGET_WORDS[progress.status]}`),
        `${progress.label} missing from "${text}"`,
      );
    }
    const last = monthly.periods[monthly.periods.length - 1];
    assert.equal(oneLine(await item.getByTestId('target-forecast').innerText()), `· ${last.label} so far: ${TARGET_WORDS[monthly.current]}`);
    assert.ok(['on track', 'at risk', 'missed'].includes(TARGET_WORDS[monthly.current]));
  } finally {
    await page.context().close();
  }
});

test("the grid's and the ranking's CSV downloads hold the page's numbers and the ground truth", async () => {
  const review = await portal.api('/review?period=quarter&count=4');
  const page = await openReview();
  try {
    const grid = await download(page, 'review-grid-csv', 'grid.csv');
    assert.equal(grid.length, review.slos.length * review.periods.length);
    const shown = new Map((await tableRows(page, 'review-grid')).map(row => [row[0], row]));
    for (const [s, slo] of review.slos.entries()) {
      for (const [p, period] of slo.periods.entries()) {
        const row = grid[s * review.periods.length + p];
        assert.deepEqual(
          [row.entity, row.slo, row.kind, row.period, Number(row.good), Number(row.total), row.verdict],
          [slo.entityRef, slo.name, kindOf(slo), period.label, period.good, period.total, period.verdict],
        );
        if (period.total > 0) {
          // The page's attainment is the CSV's counts, truncated as the page truncates; a weighted
          // composite's weighs its members' SLIs (its good and total are the pooled events, for volume).
          const cell = shown.get(rowName(slo))[p + 1];
          const attainment = slo.composite === 'weighted' ? period.sli : Number(row.good) / Number(row.total);
          assert.ok(cell.includes(shownAttainment(attainment)), `${row.slo} ${row.period}: ${cell}`);
        }
      }
    }
    const truth = demoEvents('checkout:availability', OCTOBER, AT);
    const checkout = grid.find(row => row.slo === 'checkout-availability' && row.period === '2026-Q4');
    assert.deepEqual([Number(checkout.good), Number(checkout.total)], [truth.good, truth.total]);

    const ranking = await download(page, 'review-ranking-csv', 'ranking.csv');
    const pageOrder = (await tableRows(page, 'review-ranking')).map(row => row[0]);
    const byRef = new Map(review.slos.map(slo => [`${slo.entityRef} ${slo.name}`, slo]));
    assert.deepEqual(
      ranking.slice(0, pageOrder.length).map(row => rowName(byRef.get(`${row.entity} ${row.slo}`))),
      pageOrder,
    );
    // The kind column tells composite rows apart, in the page's words.
    assert.deepEqual(
      ranking.map(row => row.kind),
      ranking.map(row => kindOf(byRef.get(`${row.entity} ${row.slo}`))),
    );
    assert.ok(ranking.some(row => row.kind === 'composite, events'), 'no composite row in the ranking CSV');
  } finally {
    await page.context().close();
  }
});

test('a browser that prefers dark gets the review in the dark theme', async () => {
  const page = await openReview({ colorScheme: 'dark' });
  try {
    await showMonths(page);
    const background = await page.getByTestId('review-grid').evaluate(el => getComputedStyle(el.closest('[role="region"]').querySelector('th')).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    assert.ok(0.2126 * r + 0.7152 * g + 0.0722 * b < 128, `the grid's name column ${background} is not dark`);
    await shot(page, 'review-dark');
  } finally {
    await page.context().close();
  }
});
