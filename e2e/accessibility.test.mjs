// The accessibility gate (issue 21): axe-core in Debian's Chromium on every
// plugin page and state, in the light and the dark theme, and keyboard-only
// runs through the SLO tab, the scorecard and the reliability review.
//
// The gate allows no serious or critical violation inside the plugin's own
// components (the SLO tab, the overview card, the scorecard page, the
// reliability review). Outside
// them, in the Backstage shell, only the exceptions in SHELL_EXCEPTIONS pass,
// each with its reason: a new violation anywhere fails the run.
//
// Set A11Y_PORTAL=<frontendUrl>,<backendUrl> to scan a portal that is already
// running instead of starting one, and SLO_SCREENSHOTS_DIR=docs/screenshots to
// write the screenshots at 390, 1280 and 2560 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPortal, waitForEntities } from './portal.mjs';
import { launchBrowser, signedInPage } from './browser.mjs';

const require = createRequire(import.meta.url);
const axeSource = require.resolve('axe-core/axe.min.js');

/** Where the plugin's own components start; a violation inside one of them always fails. */
const PLUGIN_ROOTS = [
  '[data-testid="slo-tab-page"]',
  '[data-testid="slo-overview-card"]',
  '[data-testid="slo-scorecard-page"]',
  '[data-testid="slo-review-page"]',
  // MUI tooltips render at the end of the body.
  '[role="tooltip"]',
];
const screenshotDir = process.env.SLO_SCREENSHOTS_DIR ? path.resolve(process.env.SLO_SCREENSHOTS_DIR) : undefined;

/**
 * Serious or critical violations in the Backstage shell (sidebar, header,
 * entity page chrome), which the plugin does not render. Each entry names the
 * rule, a selector fragment of the offending node, and why it is accepted.
 */
export const SHELL_EXCEPTIONS = [];

const THEMES = ['light', 'dark'];

let portal;
let browser;
let dataDir;
/** One signed-in browser context per theme, shared by the scans. */
const contexts = {};

/** A new tab in the signed-in context of a theme, at a width. */
async function openPage(colorScheme, width = 1280) {
  if (!contexts[colorScheme]) {
    const first = await signedInPage(browser, { baseUrl: portal.frontendUrl, colorScheme });
    contexts[colorScheme] = first.context();
    await first.close();
  }
  const page = await contexts[colorScheme].newPage();
  await page.setViewportSize({ width, height: 900 });
  return page;
}

before(async () => {
  if (process.env.A11Y_PORTAL) {
    const [frontendUrl, backendUrl] = process.env.A11Y_PORTAL.split(',');
    portal = { frontendUrl, backendUrl, stop: async () => {} };
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'slo-e2e-a11y-'));
    const configFile = path.join(dataDir, 'app-config.e2e.yaml');
    writeFileSync(
      configFile,
      `backend:\n  database:\n    client: better-sqlite3\n    connection:\n      directory: ${JSON.stringify(path.join(dataDir, 'sqlite'))}\n`,
    );
    portal = await startPortal({ configs: [configFile] });
    console.log(`# portal ready after ${(portal.startupMs / 1000).toFixed(1)} s on ${portal.frontendUrl}`);
  }
  await waitForEntities(portal.backendUrl, [
    'component:default/checkout',
    'component:default/fraud-detection',
    'component:default/notification-service',
    'component:default/status-page',
    'system:default/commerce',
  ]);
  browser = await launchBrowser();
});

after(async () => {
  for (const context of Object.values(contexts)) await context.close();
  await browser?.close();
  await portal?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Rewrites the SLO list of one entity, to show a state the demo data lacks. */
async function rewriteSlos(page, entityName, rewrite) {
  await page.route(`**/api/slo/entities/component/default/${entityName}/slos*`, async route => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, json: rewrite(body) });
  });
}

/**
 * Every page and state the gate scans: where to go, what to wait for, and
 * how to bring the page into its state.
 */
const PAGES = [
  {
    name: 'tab, paging and met (checkout)',
    path: '/catalog/default/component/checkout/slo',
    ready: '[data-testid="slo-card"]',
  },
  {
    name: 'tab, breaching (fraud-detection)',
    path: '/catalog/default/component/fraud-detection/slo',
    ready: '[data-testid="slo-card"]',
  },
  {
    name: 'tab, two objectives (auth-service)',
    path: '/catalog/default/component/auth-service/slo',
    ready: '[data-testid="slo-card"]',
  },
  {
    name: 'tab, at risk (payment-gateway, status rewritten)',
    path: '/catalog/default/component/payment-gateway/slo',
    ready: '[data-testid="slo-card"]',
    prepare: page =>
      rewriteSlos(page, 'payment-gateway', body => ({
        ...body,
        slos: body.slos.map(slo => ({
          ...slo,
          evaluations: slo.evaluations.map(evaluation => ({ ...evaluation, health: 'at-risk' })),
        })),
      })),
  },
  {
    name: 'tab, low traffic and unknown (notification-service)',
    path: '/catalog/default/component/notification-service/slo',
    ready: '[data-testid="slo-card"]',
  },
  {
    name: 'tab, partial data (recommendations)',
    path: '/catalog/default/component/recommendations/slo',
    ready: '[data-testid="slo-card"]',
  },
  {
    name: 'tab, error (the API answers 500)',
    path: '/catalog/default/component/checkout/slo',
    ready: '[data-testid="slo-error"]',
    prepare: page =>
      page.route('**/api/slo/entities/component/default/checkout/slos*', route =>
        route.fulfill({ status: 500, json: { error: { name: 'Error', message: 'the SLO store is unavailable' } } }),
      ),
  },
  {
    name: 'tab, empty (a service without SLOs, status rewritten to none)',
    path: '/catalog/default/component/checkout/slo',
    ready: '[data-testid="slo-empty-state"]',
    prepare: page => rewriteSlos(page, 'checkout', body => ({ ...body, slos: [], problems: [] })),
  },
  {
    name: 'System tab, composite SLOs and their members (commerce)',
    path: '/catalog/default/system/commerce/slo',
    ready: '[data-testid="composite-slo-card"]',
  },
  {
    name: 'System tab, a member the caller may not read (commerce, rewritten)',
    path: '/catalog/default/system/commerce/slo',
    ready: '[data-testid="composite-member"][data-member="hidden"]',
    prepare: page =>
      page.route('**/api/slo/entities/system/default/commerce/composites*', async route => {
        const response = await route.fetch();
        const body = await response.json();
        for (const composite of body.composites) {
          composite.members = composite.members.map((member, i) =>
            i === 0 ? { visible: false, label: 'another entity' } : member,
          );
        }
        await route.fulfill({ response, json: body });
      }),
  },
  {
    name: 'overview card (checkout)',
    path: '/catalog/default/component/checkout',
    ready: '[data-testid="slo-overview-row"]',
  },
  {
    name: 'scorecard',
    path: '/slo',
    ready: '[data-testid="scorecard-team-row"]',
  },
  {
    name: 'scorecard drill-down (payments)',
    path: '/slo?group=group%3Adefault%2Fpayments',
    ready: '[data-testid="scorecard-slo-row"]',
  },
  {
    name: 'reliability review (organisation)',
    path: '/slo-review',
    ready: '[data-testid="review-grid-row"]',
  },
  {
    name: 'reliability review (payments)',
    path: '/slo-review?group=group%3Adefault%2Fpayments',
    ready: '[data-testid="review-grid-row"]',
  },
];

/** Runs axe on the page (or inside `selector`); returns the serious and critical violations, one entry per node. */
async function scan(page) {
  await page.addScriptTag({ path: axeSource });
  return page.evaluate(async roots => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    const found = [];
    for (const violation of result.violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      for (const node of violation.nodes) {
        const target = node.target.join(' ');
        let element = null;
        try {
          element = document.querySelector(node.target[node.target.length - 1]);
        } catch {
          element = null;
        }
        const inPlugin = Boolean(element && roots.some(root => element.closest(root)));
        found.push({
          rule: violation.id,
          impact: violation.impact,
          target,
          inPlugin,
          html: node.html.slice(0, 160),
          summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240),
        });
      }
    }
    return found;
  }, PLUGIN_ROOTS);
}

function isShellException(violation) {
  return SHELL_EXCEPTIONS.some(
    exception => exception.rule === violation.rule && violation.target.includes(exception.target),
  );
}

for (const colorScheme of THEMES) {
  for (const spec of PAGES) {
    test(`axe: ${spec.name}, ${colorScheme} theme, has no serious or critical violation`, async () => {
      const page = await openPage(colorScheme);
      try {
        await spec.prepare?.(page);
        await page.goto(`${portal.frontendUrl}${spec.path}`);
        await page.locator(spec.ready).first().waitFor({ timeout: 60000 });
        await settle(page);
        const violations = await scan(page);
        const plugin = violations.filter(v => v.inPlugin);
        const shell = violations.filter(v => !v.inPlugin && !isShellException(v));
        console.log(
          `# axe ${colorScheme} | ${spec.name} | plugin ${plugin.length} | shell ${violations.length - plugin.length} (unlisted ${shell.length})`,
        );
        for (const v of [...plugin, ...shell]) {
          console.log(`#   ${v.inPlugin ? 'plugin' : 'shell'} ${v.impact} ${v.rule} ${v.target} :: ${v.summary}`);
        }
        assert.deepEqual(plugin, [], 'serious or critical violations inside the plugin');
        assert.deepEqual(shell, [], 'serious or critical violations in the shell that SHELL_EXCEPTIONS does not list');
      } finally {
        await page.close();
      }
    });
  }
}

/**
 * Waits until every loading placeholder is gone: charts and history load once
 * they come near the viewport, so each placeholder is scrolled into view.
 */
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
  await page.waitForTimeout(500);
}

/** The focused element: whether it sits in the plugin, and how its focus shows. */
function focusState(page) {
  return page.evaluate(roots => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    // Text fields and selects show focus with MUI's 2 px border in the primary colour.
    const field = element.closest('[class*="MuiInputBase-root"]');
    const notch = field?.querySelector('fieldset');
    const fieldFocus = Boolean(
      field && /Mui-focused/.test(field.className) && notch && parseFloat(getComputedStyle(notch).borderTopWidth) >= 2,
    );
    return {
      inPlugin: roots.some(root => element.closest(root)),
      name: (element.getAttribute('aria-label') || element.textContent || '').trim().slice(0, 60),
      testId: element.getAttribute('data-testid'),
      role: element.getAttribute('role'),
      label: [...(element.getAttribute('aria-labelledby') ?? '').split(' ')]
        .map(id => (id && document.getElementById(id)?.textContent) || '')
        .join(' ')
        .trim(),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || fieldFocus,
      describedBy: element.getAttribute('aria-describedby'),
    };
  }, PLUGIN_ROOTS);
}

/** Presses Tab until `count` controls inside the plugin have had focus; returns them. */
async function tabThroughPlugin(page, count) {
  const seen = [];
  for (let presses = 0; presses < 200 && seen.length < count; presses++) {
    await page.keyboard.press('Tab');
    const state = await focusState(page);
    if (state?.inPlugin) seen.push(state);
  }
  return seen;
}

for (const colorScheme of THEMES) {
  test(`keyboard: every control on the SLO tab shows its focus, ${colorScheme} theme`, async () => {
    const page = await openPage(colorScheme);
    try {
      await page.goto(`${portal.frontendUrl}/catalog/default/component/checkout/slo`);
      await page.locator('[data-testid="slo-card"]').first().waitFor({ timeout: 60000 });
      await settle(page);
      const focused = await tabThroughPlugin(page, 40);
      assert.ok(focused.length >= 20, `only ${focused.length} controls in the tab took focus`);
      const invisible = focused.filter(state => !state.visible);
      assert.deepEqual(invisible, [], 'controls with no visible focus');
    } finally {
      await page.close();
    }
  });
}

for (const colorScheme of THEMES) {
  test(`keyboard: the System tab's controls show their focus and a member's link opens its tab, ${colorScheme} theme`, async () => {
    const page = await openPage(colorScheme);
    try {
      await page.goto(`${portal.frontendUrl}/catalog/default/system/commerce/slo`);
      await page.locator('[data-testid="composite-slo-card"]').first().waitFor({ timeout: 60000 });
      await settle(page);
      const focused = await tabThroughPlugin(page, 30);
      assert.ok(focused.length >= 15, `only ${focused.length} controls in the System tab took focus`);
      assert.deepEqual(focused.filter(state => !state.visible), [], 'controls with no visible focus');
      assert.ok(
        focused.some(state => state.testId === 'composite-member-link'),
        'no member link took focus',
      );
      await page.getByTestId('composite-member-link').first().focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/catalog\/default\/component\/[^/]+\/slo$/);
    } finally {
      await page.close();
    }
  });
}

test('keyboard: sort headers on the scorecard show their focus and sort with Enter', async () => {
  const page = await openPage('light');
  try {
    await page.goto(`${portal.frontendUrl}/slo`);
    await page.locator('[data-testid="scorecard-team-row"]').first().waitFor({ timeout: 60000 });
    await settle(page);
    const status = page.getByRole('columnheader', { name: 'Status' });
    assert.equal(await status.getAttribute('aria-sort'), 'ascending', 'the default worst-first order is announced');
    const focused = await tabThroughPlugin(page, 60);
    const sortHeaders = focused.filter(state => state.testId?.startsWith('sort-') || state.testId?.startsWith('team-sort-'));
    assert.ok(sortHeaders.length >= 10, `only ${sortHeaders.length} sort headers took focus`);
    assert.deepEqual(focused.filter(state => !state.visible), [], 'controls with no visible focus');
    // Sort by budget from the keyboard.
    await page.getByTestId('sort-budget').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="sort-budget"]')?.closest('th')?.getAttribute('aria-sort') === 'ascending',
    );
    assert.equal(await status.getAttribute('aria-sort'), null);
  } finally {
    await page.close();
  }
});

for (const colorScheme of THEMES) {
  test(`keyboard: the review's filters, sort headers and CSV buttons take a visible focus and work, ${colorScheme} theme`, async () => {
    const page = await openPage(colorScheme);
    try {
      await page.goto(`${portal.frontendUrl}/slo-review`);
      await page.locator('[data-testid="review-grid-row"]').first().waitFor({ timeout: 60000 });
      await settle(page);
      const focused = await tabThroughPlugin(page, 40);
      const names = focused.map(state => state.testId ?? state.name);
      for (const filter of ['Period', 'Team', 'System', 'Label']) {
        assert.ok(focused.some(state => state.role === 'combobox' && state.label.startsWith(filter)), `the ${filter} filter never took focus`);
      }
      for (const testId of ['ranking-sort-missed', 'ranking-sort-overspend', 'ranking-sort-paging', 'review-teams-csv', 'review-ranking-csv', 'review-grid-csv']) {
        assert.ok(names.includes(testId), `${testId} never took focus (${names.join(', ')})`);
      }
      assert.deepEqual(focused.filter(state => !state.visible), [], 'controls with no visible focus');
      // Re-rank by paging hours from the keyboard.
      await page.getByTestId('ranking-sort-paging').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="ranking-sort-paging"]')?.closest('th')?.getAttribute('aria-sort') === 'descending',
      );
      assert.equal(await page.getByTestId('ranking-sort-missed').evaluate(el => el.closest('th').getAttribute('aria-sort')), null);
      // A CSV button downloads from the keyboard.
      await page.getByTestId('review-ranking-csv').focus();
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.match(download.suggestedFilename(), /^slo-review-ranking-.*\.csv$/);
    } finally {
      await page.close();
    }
  });
}

test('keyboard: chart points open as a table and chip details as tooltips, without a mouse', async () => {
  const page = await openPage('dark');
  try {
    await page.goto(`${portal.frontendUrl}/catalog/default/component/checkout/slo`);
    const card = page.getByTestId('slo-card').filter({ hasText: 'checkout-availability' }).first();
    await card.waitFor({ timeout: 60000 });
    await settle(page);

    // Tab to the status chip: its tooltip says what the status means.
    let state;
    for (let presses = 0; presses < 100; presses++) {
      await page.keyboard.press('Tab');
      state = await focusState(page);
      if (state?.testId === 'slo-health') break;
    }
    assert.equal(state?.testId, 'slo-health', 'the status chip never took focus');
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor({ timeout: 5000 });
    assert.match(await tooltip.innerText(), /page alert fires/i);

    // On to a history chip: its tooltip names the period and its attainment.
    for (let presses = 0; presses < 150; presses++) {
      await page.keyboard.press('Tab');
      state = await focusState(page);
      if (state?.testId === 'slo-history-period') break;
    }
    assert.equal(state?.testId, 'slo-history-period', 'no history chip took focus');
    await page.waitForFunction(() => /: (met|missed|too little traffic|no data)/.test(document.querySelector('[role="tooltip"]')?.textContent ?? ''));

    // The SLI chart's points, as a table, from the keyboard alone.
    for (let presses = 0; presses < 150; presses++) {
      await page.keyboard.press('Shift+Tab');
      state = await focusState(page);
      if (state?.testId === 'slo-chart-sli-data-toggle') break;
    }
    assert.equal(state?.testId, 'slo-chart-sli-data-toggle', 'the chart data button never took focus');
    assert.ok(state.visible, 'the chart data button shows no focus');
    await page.keyboard.press('Enter');
    const table = card.getByRole('table', { name: 'SLI over time, one row per point' });
    await table.waitFor({ timeout: 5000 });
    const rows = await table.getByRole('row').count();
    assert.ok(rows > 10, `the SLI table has ${rows} rows`);
    assert.match(await table.getByRole('row').last().innerText(), /\d+\.\d+%/);
    // The open table passes axe too.
    const violations = (await scan(page)).filter(v => v.inPlugin);
    assert.deepEqual(violations, [], 'violations with the data table open');
  } finally {
    await page.close();
  }
});

/**
 * Layout faults inside the plugin: words broken across lines (a single word
 * whose characters sit on more than one line), chips cut short, and the
 * widest plugin root.
 */
function layoutFaults(page) {
  return page.evaluate(roots => {
    const rootElements = roots.flatMap(root => [...document.querySelectorAll(root)]);
    const broken = [];
    for (const root of rootElements) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('svg, [aria-hidden="true"]') || !parent.getClientRects().length) continue;
        const text = node.textContent;
        // Letters and digits only: a break after a hyphen or a slash is a normal one.
        for (const match of text.matchAll(/[\p{L}\p{N}]{2,}/gu)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
          if (tops.size > 1) broken.push(match[0]);
        }
      }
    }
    const cut = rootElements
      .flatMap(root => [...root.querySelectorAll('[class*="MuiChip-label"], [class*="MuiTableSortLabel"]')])
      .filter(element => element.scrollWidth > element.clientWidth + 1)
      .map(element => element.textContent);
    const widest = Math.max(0, ...rootElements.map(root => root.getBoundingClientRect().width));
    return { broken: [...new Set(broken)], cut, widest };
  }, PLUGIN_ROOTS.filter(root => root.includes('data-testid')));
}

async function shot(page, name) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Each page's widest table, which at 390 px scrolls sideways with its name column fixed. */
const LAYOUT_PAGES = [
  { name: 'tab', path: '/catalog/default/component/checkout/slo', ready: '[data-testid="slo-card"]' },
  {
    name: 'system-tab',
    path: '/catalog/default/system/commerce/slo',
    ready: '[data-testid="composite-slo-card"]',
    scrollingTable: 'Member contributions of checkout-experience, table',
  },
  {
    name: 'scorecard',
    path: '/slo',
    ready: '[data-testid="scorecard-team-row"]',
    scrollingTable: 'All services and SLOs, table',
  },
  {
    name: 'review',
    path: '/slo-review',
    ready: '[data-testid="review-grid-row"]',
    scrollingTable: 'SLOs by quarter, table',
  },
];

for (const width of [390, 1280, 2560]) {
  for (const spec of LAYOUT_PAGES) {
    test(`layout: the ${spec.name} at ${width} px breaks no word, cuts no chip and stays within 1,600 px`, async () => {
      for (const colorScheme of width === 390 ? THEMES : ['light']) {
        const page = await openPage(colorScheme, width);
        try {
          await page.goto(`${portal.frontendUrl}${spec.path}`);
          await page.locator(spec.ready).first().waitFor({ timeout: 60000 });
          await settle(page);
          const faults = await layoutFaults(page);
          console.log(`# layout ${spec.name} ${width}px ${colorScheme}: widest ${Math.round(faults.widest)} px, broken ${faults.broken.length}, cut ${faults.cut.length}`);
          assert.deepEqual(faults.broken, [], 'words wrapped across lines');
          assert.deepEqual(faults.cut, [], 'chips or headers cut short');
          assert.ok(faults.widest <= 1600, `the ${spec.name} is ${faults.widest} px wide`);
          await shot(page, `${spec.name}-${width}-${colorScheme}`);
          if (spec.scrollingTable && width === 390) {
            // The tables scroll sideways with their name column fixed.
            const table = page.getByRole('region', { name: spec.scrollingTable });
            const scrolls = await table.evaluate(element => element.scrollWidth > element.clientWidth);
            assert.ok(scrolls, `${spec.scrollingTable} does not scroll at 390 px`);
            const nameCell = table.locator('tbody tr > :first-child').first();
            const before = await nameCell.boundingBox();
            await table.focus();
            await page.keyboard.press('ArrowRight');
            await page.keyboard.press('ArrowRight');
            await page.waitForFunction(() => document.activeElement.scrollLeft > 0);
            const after = await nameCell.boundingBox();
            assert.equal(Math.round(after.x), Math.round(before.x), 'the name column moved with the scroll');
          }
        } finally {
          await page.close();
        }
      }
    });
  }
}

test('layout: the nav items are not cut short', async () => {
  const page = await openPage('light');
  try {
    await page.goto(`${portal.frontendUrl}/slo`);
    for (const name of ['SLOs by team', 'SLO review']) {
      const link = page.getByRole('link', { name }).first();
      await link.waitFor({ timeout: 60000 });
      const cut = await link.evaluate(element =>
        [...element.querySelectorAll('*')].filter(child => child.children.length === 0 && child.scrollWidth > child.clientWidth + 1).length,
      );
      assert.equal(cut, 0, `the nav label ${name} is truncated`);
    }
  } finally {
    await page.close();
  }
});
