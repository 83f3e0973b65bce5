/**
 * One chart drawn per browser task. A recharts chart measures its text and
 * its box while it mounts, so a tab that opens with three charts (or a
 * scorecard drill-down with several) drew them all in one long task of the
 * main thread: 235 ms on the bench's tab, over the 200 ms a page may block
 * (docs/performance.md, felt speed). Queued here, each chart mounts in its own
 * task after the one before it has committed, and input in between is
 * handled.
 */

/** A chart's place in the queue. */
export interface ChartDrawTicket {
  /** The chart has committed its drawing: the next may start. */
  drawn(): void;
  /** The chart went away (or will be measured again): leave the queue. */
  cancel(): void;
}

let waiting: Array<() => void> = [];
let drawing: (() => void) | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

function drawNext() {
  timer = undefined;
  if (drawing) {
    return;
  }
  drawing = waiting.shift();
  drawing?.();
}

function scheduleNext() {
  if (!drawing && waiting.length > 0 && timer === undefined) {
    // A new task, so the browser may paint and handle input in between.
    timer = setTimeout(drawNext, 0);
  }
}

function release(draw: () => void) {
  if (drawing === draw) {
    drawing = undefined;
    scheduleNext();
  }
}

/**
 * Queues `draw` (which sets the state that mounts a chart) to run in a task
 * of its own once every chart queued before it has drawn.
 */
export function queueChartDraw(draw: () => void): ChartDrawTicket {
  waiting.push(draw);
  scheduleNext();
  return {
    drawn: () => release(draw),
    cancel: () => {
      waiting = waiting.filter(queued => queued !== draw);
      release(draw);
    },
  };
}
