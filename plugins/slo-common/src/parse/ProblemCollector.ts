import type { ValidationProblem } from '../model/ValidationProblem';

/** How long a `found` value may be before it is cut for display. */
const MAX_FOUND_LENGTH = 120;

/**
 * A value as the user wrote it, shortened for messages: strings as they are,
 * anything else as compact JSON.
 *
 * @public
 */
export function showValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = 'nothing';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX_FOUND_LENGTH ? `${text.slice(0, MAX_FOUND_LENGTH - 1)}…` : text;
}

/**
 * Joins a path and a key the way problems show them: `[1].sli.ratio.good`.
 *
 * @public
 */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Details of one problem besides its path and message. */
export interface ProblemDetails {
  found?: unknown;
  expected?: string;
  didYouMean?: string;
}

/**
 * Collects problems for one entity and annotation, so parsers can report
 * every problem at once and carry on.
 */
export class ProblemCollector {
  readonly problems: ValidationProblem[] = [];

  constructor(
    readonly entityRef: string,
    readonly annotation: string,
    private readonly context: { sloName?: string; location?: string } = {},
  ) {}

  /** A collector for the same entity and annotation, tagged with an SLO name or file. */
  scoped(context: { sloName?: string; location?: string }): ProblemCollector {
    const scoped = new ProblemCollector(this.entityRef, this.annotation, { ...this.context, ...context });
    // Share the list: problems from the scoped collector land here too.
    (scoped as { problems: ValidationProblem[] }).problems = this.problems;
    return scoped;
  }

  /** Records a problem; `message` says what is wrong and how to fix it. */
  add(path: string, message: string, details: ProblemDetails = {}): void {
    const problem: ValidationProblem = {
      entityRef: this.entityRef,
      annotation: this.annotation,
      path,
      message: details.didYouMean ? `${message} Did you mean "${details.didYouMean}"?` : message,
    };
    if ('found' in details) problem.found = showValue(details.found);
    if (details.expected !== undefined) problem.expected = details.expected;
    if (details.didYouMean !== undefined) problem.didYouMean = details.didYouMean;
    if (this.context.sloName !== undefined) problem.sloName = this.context.sloName;
    if (this.context.location !== undefined) problem.location = this.context.location;
    this.problems.push(problem);
  }

  /** Number of problems so far, to tell whether a step added any. */
  get count(): number {
    return this.problems.length;
  }
}
