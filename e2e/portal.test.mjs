// The foundation's promise, checked in a real browser against the running
// portal on the embedded default: the backend is ready, a guest can open a
// service, see its SLOs tab, and open the scorecard page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPortal, waitForEntities } from './portal.mjs';
import { launchBrowser, signedInPage } from './browser.mjs';

const dataDir = mkdtempSync(path.join(tmpdir(), 'slo-e2e-'));
const configFile = path.join(dataDir, 'app-config.e2e.yaml');
writeFileSync(
  configFile,
  `backend:\n  database:\n    client: better-sqlite3\n    connection:\n      directory: ${JSON.stringify(path.join(dataDir, 'sqlite'))}\n`,
);

let portal;
let browser;

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

test('a service without SLO annotations has no SLOs tab', async () => {
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  await page.goto(`${portal.frontendUrl}/catalog/default/component/status-page`);
  await page.getByRole('link', { name: 'Overview', exact: true }).waitFor({ timeout: 60000 });
  assert.equal(await page.getByRole('link', { name: 'SLOs', exact: true }).count(), 0);
  await page.context().close();
});

test('the scorecard page is reachable from the sidebar', async () => {
  const page = await signedInPage(browser, { baseUrl: portal.frontendUrl });
  await page.getByRole('link', { name: 'SLO Scorecard' }).click();
  await page.waitForURL(/\/slo/);
  await page.getByRole('heading', { name: /SLO scorecard/i }).first().waitFor({ timeout: 60000 });
  await page.context().close();
});
