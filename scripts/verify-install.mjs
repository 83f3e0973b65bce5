// Helper of scripts/verify-install.sh.
//   node scripts/verify-install.mjs blocks <README.md> <repo|app> <new|legacy>
//     prints, NUL-separated, the README's install blocks for that place and flavour
//     (fence info "sh repo", "sh app", "ts app legacy", ...) as "<lang>\n<body>".
//   node scripts/verify-install.mjs apply-code <appDir> <file with a ts/tsx block>
//     applies a code block's lines verbatim: each "// <path>: <where>" comment names
//     a file and a place ("at the top", "before <line>", "after <line>") for the lines
//     under it; a comment that names no place is kept as a comment.
//   node scripts/verify-install.mjs check <frontendUrl> <new|legacy>
//     opens the demo entity's SLOs tab and the scorecard in Debian's Chromium and
//     fails unless both render figures (a percentage).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [command, ...args] = process.argv.slice(2);

function blocks(readme, place, flavour) {
  const text = readFileSync(readme, 'utf8');
  const section = text.slice(text.indexOf('## Add to your Backstage'), text.indexOf('## Configuration reference'));
  const found = [];
  for (const match of section.matchAll(/^```(\w+) (repo|app)(?: (new|legacy))?\n([\s\S]*?)^```$/gm)) {
    const [, lang, blockPlace, blockFlavour, body] = match;
    if (blockPlace === place && (!blockFlavour || blockFlavour === flavour)) found.push(`${lang}\n${body}`);
  }
  process.stdout.write(found.join('\0'));
}

function applyCode(appDir, blockFile) {
  const lines = readFileSync(blockFile, 'utf8').split('\n');
  const edits = [];
  for (const line of lines) {
    const directive = /^\/\/ (\S+\.tsx?): (at the top|before (.+)|after (.+))$/.exec(line.trim());
    if (directive) {
      edits.push({ file: directive[1], where: directive[2], anchor: (directive[3] ?? directive[4])?.trim(), lines: [] });
    } else if (edits.length && line.trim() !== '') {
      edits.at(-1).lines.push(line);
    }
  }
  if (!edits.length) throw new Error(`${blockFile}: no "// <path>: <where>" line says where the code goes`);
  for (const edit of edits) {
    const file = path.join(appDir, edit.file);
    const content = readFileSync(file, 'utf8').split('\n');
    let at;
    if (edit.where === 'at the top') at = 0;
    else {
      const index = content.findIndex(l => l.trim() === edit.anchor);
      if (index < 0) throw new Error(`${edit.file}: no line "${edit.anchor}" to insert ${edit.where.split(' ')[0]}`);
      at = edit.where.startsWith('before') ? index : index + 1;
    }
    content.splice(at, 0, ...edit.lines);
    writeFileSync(file, content.join('\n'));
    console.log(`verify-install: ${edit.file}: ${edit.lines.length} line(s) ${edit.where}`);
  }
}

async function check(frontendUrl, flavour) {
  const { chromium } = await import('playwright-core');
  const { execSync } = await import('node:child_process');
  const executablePath = process.env.CHROMIUM_PATH ?? execSync('command -v chromium', { shell: '/bin/sh' }).toString().trim();
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    // The dev server builds the frontend bundle on the first request: on a loaded machine (load 20
    // on 2 cores) the first page took longer than Playwright's default 30 s to load.
    page.setDefaultNavigationTimeout(300000);
    page.setDefaultTimeout(120000);
    // Sign in on the page we want: create-app's new app shows the guest provider's
    // Enter button there and then renders the route; navigating away right after
    // the click lost the session before it was stored, and the sign-in page came back.
    // The legacy app signs in automatically.
    await page.goto(`${frontendUrl}/catalog/default/component/checkout`);
    const enter = page.getByRole('button', { name: 'Enter' });
    await enter.waitFor({ timeout: 20000 }).then(() => enter.click(), () => {});
    const percent = /\d+(\.\d+)?\s?%/;

    // The new frontend system renders entity tabs as links, the legacy EntityLayout as tabs.
    const tab = page
      .getByRole('link', { name: 'SLOs', exact: true })
      .or(page.getByRole('tab', { name: 'SLOs', exact: true }))
      .first();
    await tab.waitFor({ timeout: 120000 });
    await tab.click();
    await page.waitForURL(/\/catalog\/default\/component\/checkout\/slo/);
    // The first collection cycle may still be running when the app answers:
    // reload until the tab shows a figure, for up to three minutes.
    const attainment = page.getByTestId('slo-attainment-value').first();
    let figure = '';
    for (const deadline = Date.now() + 180000; ; ) {
      await attainment.waitFor({ timeout: 180000 });
      figure = (await attainment.innerText()).trim();
      if (percent.test(figure) || Date.now() > deadline) break;
      await page.waitForTimeout(5000);
      await page.reload();
    }
    if (!percent.test(figure)) throw new Error(`the SLOs tab shows "${figure}" where an attainment belongs`);
    console.log(`verify-install: ${flavour}: the SLOs tab of checkout shows attainment ${figure}`);

    if (flavour === 'legacy') {
      await page.getByRole('link', { name: 'SLOs by team' }).first().click();
    } else {
      await page.goto(`${frontendUrl}/slo`);
    }
    await page.waitForURL(/\/slo$/);
    const row = page.getByTestId('scorecard-team-row').first();
    await row.waitFor({ timeout: 120000 });
    const text = await row.innerText();
    if (!percent.test(text)) throw new Error(`the scorecard's first team row has no figure: "${text}"`);
    console.log(`verify-install: ${flavour}: the scorecard's first team row reads "${text.replace(/\s+/g, ' ')}"`);
  } finally {
    await browser.close();
  }
}

if (command === 'blocks') blocks(...args);
else if (command === 'apply-code') applyCode(...args);
else if (command === 'check') await check(...args);
else throw new Error(`unknown command ${command}`);
