// Attributes the main thread's long tasks of one page load: a Chromium
// performance trace (the DevTools timeline and V8's sampling profiler) is
// taken while the page loads, then each task over 50 ms is broken down by
// what ran in it (script evaluation, style, layout, paint) and by the
// functions that took its time, named through the production build's source
// maps. This is how docs/performance.md names what a long task is.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './benchPortal.mjs';
import { benchPages } from './frontendTimings.mjs';

const require = createRequire(import.meta.url);

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
];

/** Loads `url` in `page` under a trace; resolves once `ready()` resolves and the page has been idle. */
export async function traceLoad(browser, page, url, ready) {
  await page.goto('about:blank');
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(url, { waitUntil: 'commit' });
  await ready();
  await page.waitForTimeout(1000);
  const buffer = await browser.stopTracing();
  return JSON.parse(buffer.toString()).traceEvents ?? [];
}

function mainThread(events) {
  const names = events.filter(
    e => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  // The page's renderer: the one main thread that ran the most tasks.
  let best;
  let bestCount = -1;
  for (const candidate of names) {
    const count = events.filter(
      e => e.pid === candidate.pid && e.tid === candidate.tid && e.name === 'RunTask',
    ).length;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** The CPU profile's samples on `thread`: [{ ts (µs, trace clock), frame }]. */
function profileSamples(events, thread) {
  const nodes = new Map();
  const samples = [];
  const chunks = events.filter(
    e => e.name === 'ProfileChunk' && e.pid === thread.pid,
  );
  for (const [, group] of groupBy(chunks, e => e.id)) {
    const profile = events.find(
      e => e.name === 'Profile' && e.pid === thread.pid && e.id === group[0].id,
    );
    if (!profile || profile.tid !== thread.tid) continue;
    let ts = profile.args.data.startTime;
    for (const chunk of group) {
      const data = chunk.args.data;
      for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
      const ids = data.cpuProfile?.samples ?? [];
      const deltas = data.timeDeltas ?? [];
      for (let i = 0; i < ids.length; i++) {
        ts += deltas[i] ?? 0;
        samples.push({ ts, node: ids[i] });
      }
    }
  }
  const stackOf = id => {
    const frames = [];
    for (let node = nodes.get(id); node; node = nodes.get(node.parent)) frames.push(node.callFrame);
    return frames;
  };
  return samples.map(s => ({ ts: s.ts, frame: nodes.get(s.node)?.callFrame, stack: () => stackOf(s.node) }));
}

function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(item);
  }
  return groups;
}

async function sourceMapper() {
  const { SourceMapConsumer } = require('source-map');
  const consumers = new Map();
  return async frame => {
    if (!frame?.url) return frame?.functionName || '(program)';
    const file = path.basename(new URL(frame.url, 'http://x').pathname);
    if (!file.endsWith('.js')) return `${frame.functionName || '(anonymous)'} ${file}`;
    if (!consumers.has(file)) {
      try {
        const raw = await readFile(path.join(repoRoot, 'bench/dist/static', `${file}.map`), 'utf8');
        consumers.set(file, await new SourceMapConsumer(JSON.parse(raw)));
      } catch {
        consumers.set(file, undefined);
      }
    }
    const consumer = consumers.get(file);
    const original = consumer?.originalPositionFor({
      line: frame.lineNumber + 1,
      column: frame.columnNumber,
    });
    if (!original?.source) return `${frame.functionName || '(anonymous)'} ${file}`;
    const source = original.source
      .replace(/^webpack:\/\/\/?/, '')
      .replace(/.*node_modules\//, '')
      .replace(/^\.\.\/\.\.\//, '');
    return `${original.name || frame.functionName || '(anonymous)'} ${source}:${original.line}`;
  };
}

/**
 * The long tasks of a trace, each with its start (ms from navigation), its
 * duration, its time by kind of work and its functions by self time.
 */
export async function attributeLongTasks(events, { thresholdMs = 50, top = 12 } = {}) {
  const thread = mainThread(events);
  if (!thread) return [];
  const onMain = events.filter(e => e.pid === thread.pid && e.tid === thread.tid);
  const navigation =
    onMain.find(e => e.name === 'navigationStart' || e.name === 'markAsMainFrame')?.ts ??
    Math.min(...onMain.filter(e => e.ts).map(e => e.ts));
  const tasks = onMain.filter(
    e => e.name === 'RunTask' && e.ph === 'X' && e.dur / 1000 > thresholdMs,
  );
  const samples = profileSamples(events, thread);
  const name = await sourceMapper();
  const kinds = [
    'EvaluateScript',
    'v8.compile',
    'v8.compileModule',
    'FunctionCall',
    'TimerFire',
    'FireAnimationFrame',
    'EventDispatch',
    'ParseHTML',
    'UpdateLayoutTree',
    'Layout',
    'Paint',
    'PrePaint',
    'Layerize',
    'MajorGC',
    'MinorGC',
  ];
  const result = [];
  for (const task of tasks) {
    const end = task.ts + task.dur;
    const byKind = {};
    for (const e of onMain) {
      if (e.ph !== 'X' || e.ts < task.ts || e.ts + e.dur > end || e === task) continue;
      if (!kinds.includes(e.name)) continue;
      byKind[e.name] = (byKind[e.name] ?? 0) + e.dur / 1000;
    }
    const self = new Map();
    const inTask = samples.filter(s => s.ts >= task.ts && s.ts <= end);
    for (let i = 0; i < inTask.length; i++) {
      const next = inTask[i + 1]?.ts ?? end;
      const label = await name(inTask[i].frame);
      self.set(label, (self.get(label) ?? 0) + (next - inTask[i].ts) / 1000);
    }
    // Where layout was forced from: the nearest caller outside the DOM and
    // its measuring helpers, by time.
    const forcedBy = new Map();
    for (let i = 0; i < inTask.length; i++) {
      const frame = inTask[i].frame;
      if (!frame || !/getBoundingClientRect|getComputedStyle|offsetWidth|DOMUtils/.test(`${frame.functionName} ${frame.url}`)) continue;
      const next = inTask[i + 1]?.ts ?? end;
      const callers = [];
      for (const caller of inTask[i].stack().slice(1)) {
        const label = await name(caller);
        if (/DOMUtils|getBoundingClientRect|getComputedStyle|react-dom/.test(label)) continue;
        callers.push(label);
        if (callers.length === 2) break;
      }
      const key = callers.join(' < ');
      forcedBy.set(key, (forcedBy.get(key) ?? 0) + (next - inTask[i].ts) / 1000);
    }
    result.push({
      forcedLayoutBy: [...forcedBy.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([f, ms]) => [f, Math.round(ms)]),
      startMs: Math.round((task.ts - navigation) / 1000),
      durationMs: Math.round(task.dur / 1000),
      kinds: Object.fromEntries(
        Object.entries(byKind)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, Math.round(v)]),
      ),
      functions: [...self.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([f, ms]) => [f, Math.round(ms)]),
    });
  }
  return result;
}

/**
 * Traces one full load of the SLO tab and of the scorecard (after a warm-up
 * load of each) and returns their long tasks, attributed.
 */
export async function traceFrontend({ browser, page, baseUrl, flagshipRef, divisionRef, log }) {
  const pages = benchPages({ baseUrl, flagshipRef, divisionRef });
  const result = {};
  for (const key of ['tab', 'scorecard']) {
    const { url, selector, count } = pages[key];
    const figuresShown = () =>
      page.waitForFunction(
        ([s, c]) => document.querySelectorAll(s).length >= c,
        [selector, count],
        { timeout: 60000 },
      );
    await page.goto(url);
    await figuresShown();
    const events = await traceLoad(browser, page, url, figuresShown);
    result[key] = await attributeLongTasks(events);
    for (const task of result[key]) {
      log(
        `trace ${key}: task at ${task.startMs} ms, ${task.durationMs} ms: ` +
          `${Object.entries(task.kinds).slice(0, 3).map(([k, ms]) => `${k} ${ms}`).join(', ')}; ` +
          `${task.functions.slice(0, 4).map(([f, ms]) => `${f} ${ms}`).join(', ')}` +
          (task.forcedLayoutBy.length ? `; layout forced by ${task.forcedLayoutBy[0][0]} ${task.forcedLayoutBy[0][1]}` : ''),
      );
    }
  }
  return result;
}
