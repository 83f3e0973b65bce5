// The foundation's promise, checked in a real browser against the running
// portal on the embedded default: the backend is ready, a guest can open a
// service, see its SLOs tab, and open the scorecard page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPortal, waitForEntities, guestToken } from './portal.mjs';
import { launchBrowser, signedInPage } from './browser.mjs';
import { showMonths, tableRows } from './reviewPage.mjs';

const dataDir = mkdtempSync(path.join(tmpdir(), 'slo-e2e-'));
const configFile = path.join(dataDir, 'app-config.e2e.yaml');
writeFileSync(
  configFile,
  `backend:\n  database:\n    client: better-sqlite3\n    connection:\n      directory: ${JSON.stringify(path.join(dataDir, 'sqlite'))}\n`,
);

let portal;
let browser;

/** GET on the SLO API as the guest, after the first collection cycle. */
let token;
async function api(pathname) {
  token ??= await guestToken(portal.backendUrl);
  const res = await fetch(`${portal.backendUrl}/api/slo${pathname}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, `${pathname} answered ${res.status}`);
  return res.json();
}
async function collected() {
  const deadline = Date.now() + 300000;
  for (;;) {
    const collector = await api('/collector');
    if (collector.lastRun && collector.lastRun.sloCount > 0) return;
    if (Date.now() > deadline) throw new Error('no collection cycle finished within 5 minutes');
    await new Promise(r => setTimeout(r, 1000));
  }
}

before(async () => {
  portal = await startPortal({ configs: [configFile] });
  console.log(`# portal ready after ${(portal.startupMs / 1000).toFixed(1)} s on ${portal.frontendUrl} and ${portal.backendUrl}`);
  await waitForEntities(portal.backendUrl, ['component:default/checkout', 'component:default/status-page']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the backend readiness endpoint answers 200', async () => {
  const res = await fetch(`${portal.backendUrl}/.backstage/health/v1/readiness`);
  assert.equal(res.status, 200);
});

test('the embedded default keeps its database in files on disk', () => {
  assert.ok(existsSync(path.join(dataDir, 'sqlite')), 'no SQLite directory was created');
});

test('a guest opens a service page and sees its SLOs tab', async () => {
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  await page.goto(`${portal.frontendUrl}/catalog/default/component/checkout`);
  // The new frontend system's entity page renders its tabs as links.
  const tab = page.getByRole('link', { name: 'SLOs', exact: true });
  await tab.waitFor({ timeout: 60000 });
  await tab.click();
  await page.waitForURL(/\/catalog\/default\/component\/checkout\/slo/);
  await page.context().close();
});

test('a service without SLO annotations has an SLOs tab that says how to declare them', async () => {
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  await page.goto(`${portal.frontendUrl}/catalog/default/component/status-page`);
  // Its tab shows the SLOs suggested from its metrics (e2e/suggestions.test.mjs), or how to declare some.
  await page.getByRole('link', { name: 'SLOs', exact: true }).click({ timeout: 60000 });
  await page.getByRole('heading', { name: 'No SLOs declared for this entity' }).waitFor({ timeout: 60000 });
  await page.context().close();
});

test('the scorecard page is reachable from the sidebar', async () => {
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  await page.getByRole('link', { name: 'SLOs by team' }).click();
  await page.waitForURL(/\/slo/);
  // The page is titled like its nav item, and is the page's main landmark.
  await page.getByRole('heading', { name: /SLOs by team/i }).first().waitFor({ timeout: 60000 });
  await page.getByRole('main').getByTestId('scorecard-teams-table').waitFor({ timeout: 60000 });
  await page.context().close();
});

test('on the demo data, a series keeps every event of a fixed range at every maxPoints', async () => {
  await collected();
  const [status] = (await api('/entities/component/default/checkout/slos')).slos;
  // 30 days on 6-hour boundaries, ending before the evaluation time.
  const to = Math.floor(status.evaluations[0].at / 21600) * 21600;
  const from = to - 30 * 86400;
  const totals = [];
  for (const maxPoints of [240, 500, 720, 1000]) {
    const series = await api(
      `/slos/series?entityRef=component:default/checkout&name=${status.definition.name}&from=${from}&to=${to}&maxPoints=${maxPoints}`,
    );
    totals.push(series.points.reduce((sum, point) => sum + point.total, 0));
  }
  assert.ok(totals[0] > 0, 'the series has events');
  assert.deepEqual(totals, [totals[0], totals[0], totals[0], totals[0]]);
});

test('on the demo data, no period below the minimum traffic has a verdict', async () => {
  await collected();
  const history = await api(
    '/slos/history?entityRef=component:default/notification-service&name=delivery-availability&period=week&count=12',
  );
  assert.ok(history.minimumEvents > 0, 'the SLO has a minimum');
  const quiet = history.periods.filter(p => p.total > 0 && p.total < history.minimumEvents);
  assert.ok(quiet.length > 0, 'the demo has quiet weeks');
  for (const period of quiet) {
    assert.deepEqual({ label: period.label, verdict: period.verdict, met: period.met }, { label: period.label, verdict: 'low-traffic', met: null });
  }
});

test('on the demo data, a group shows a trend only when its SLOs changed', async () => {
  await collected();
  const scorecard = await api('/scorecard');
  for (const group of scorecard.groups) {
    const { compared, meetingBefore, meetingNow, points } = group.trend;
    if (meetingBefore === meetingNow) {
      assert.ok(points === 0 || points === null, `${group.groupRef} shows ${points} pts with no change`);
    } else {
      assert.ok(compared > 0 && Math.sign(points) === Math.sign(meetingNow - meetingBefore), `${group.groupRef}: ${JSON.stringify(group.trend)}`);
    }
  }
});

test('on the demo data, the review (from the sidebar) shows several teams, a missed target and episodes', async () => {
  await collected();
  const review = await api('/review?period=month&count=12');
  const teams = review.teams.filter(team => team.sloIndexes.length > 0);
  assert.ok(teams.length >= 3, `${teams.length} teams with SLOs`);
  const missed = teams.flatMap(team =>
    team.targets.flatMap(target => target.periods.filter(p => p.status === 'missed').map(p => ({ team, target, period: p }))),
  );
  assert.ok(missed.length > 0, 'no target missed in the last 12 months');
  assert.ok(review.slos.some(slo => slo.episodes > 0), 'no episode');

  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  try {
    await page.getByRole('link', { name: 'SLO review' }).click();
    await page.waitForURL(/\/slo-review/);
    await page.getByRole('main').getByTestId('review-grid-row').first().waitFor({ timeout: 90000 });
    await showMonths(page);
    const shownTeams = (await tableRows(page, 'review-teams')).map(row => row[0]);
    assert.deepEqual(shownTeams, teams.map(team => team.title));
    const { team, target, period } = missed[0];
    const item = page.getByTestId('review-targets').locator('li').filter({ hasText: `${team.title}: ${target.name}` });
    assert.match(await item.innerText(), new RegExp(`${period.label}: \\d+% missed`));
    const cells = (await tableRows(page, 'review-grid')).flat();
    assert.ok(cells.some(cell => / \d+ episodes?$/.test(cell)), 'no grid cell shows an episode');
  } finally {
    await page.context().close();
  }
});
