/**
 * Reading the SLO API's query and path parameters: each either gives a value
 * or throws an InputError (400) that says what is wrong and how to write it.
 */
import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { Request } from 'express';

/** Latest time parsed: 9999-12-31T23:59:59Z. Larger numbers lose their last digits. */
const MAX_EPOCH_SECONDS = 253_402_300_799;

/** Epoch seconds or ISO-8601 → epoch seconds; a 400 that says how to write it otherwise. */
export function parseTime(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const text = String(value);
  const seconds = /^\d+(\.\d+)?$/.test(text)
    ? Math.floor(Number(text))
    : Math.floor(
        (/^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN) / 1000,
      );
  if (!(seconds <= MAX_EPOCH_SECONDS)) {
    throw new InputError(
      `Invalid "${name}": "${text}". Use epoch seconds (e.g. 1740787200) or an ISO-8601 time (e.g. 2025-03-01T00:00:00Z).`,
    );
  }
  return seconds;
}

export function parseWholeNumber(
  value: unknown,
  name: string,
  range: { min: number; max: number },
): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const number = Number(value);
  if (!Number.isInteger(number) || number < range.min || number > range.max) {
    throw new InputError(
      `Invalid "${name}": "${String(value)}". Use a whole number from ${
        range.min
      } to ${range.max}.`,
    );
  }
  return number;
}

const catalogNames = makeValidator();

/**
 * What the catalog allows in each part of an entity ref (its default
 * validators), so a ref no entity can have is refused here instead of being
 * sent to the catalog, which answers such lookups with its own errors.
 */
const refPartRules: Record<
  keyof CompoundEntityRef,
  { test: (value: string) => boolean; rule: string }
> = {
  kind: {
    test: value => catalogNames.isValidKind(value),
    rule: 'a kind is 1 to 63 letters or digits, beginning with a letter',
  },
  namespace: {
    // The catalog compares namespaces without regard to case.
    test: value =>
      catalogNames.isValidNamespace(value.toLocaleLowerCase('en-US')),
    rule: 'a namespace is 1 to 63 lowercase letters, digits or "-", beginning and ending with a letter or digit',
  },
  name: {
    test: value => catalogNames.isValidEntityName(value),
    rule: 'a name is 1 to 63 letters, digits, "-", "_" or ".", beginning and ending with a letter or digit',
  },
};

/** The first part of a ref that no catalog entity can have, with the rule it breaks. */
function invalidRefPart(
  ref: CompoundEntityRef,
): { part: keyof CompoundEntityRef; rule: string } | undefined {
  for (const part of ['kind', 'namespace', 'name'] as const) {
    if (!refPartRules[part].test(ref[part])) {
      return { part, rule: refPartRules[part].rule };
    }
  }
  return undefined;
}

/** A value quoted for a message: control characters escaped, at most 60 characters. */
function quoted(value: string): string {
  const shown = JSON.stringify(value.slice(0, 60)).slice(1, -1);
  return `"${shown}${value.length > 60 ? '…' : ''}"`;
}

/** A canonical entity ref from a query parameter; 400 when it is not one. */
export function parseRefParameter(
  value: unknown,
  name: string,
  defaultKind?: string,
): string {
  const example = `${defaultKind ?? 'component'}:default/checkout`;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `Missing "${name}". Pass an entity ref such as ${example}.`,
    );
  }
  const usage = `Use an entity ref kind:namespace/name, e.g. ${example}.`;
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(value, { defaultKind, defaultNamespace: 'default' });
  } catch {
    throw new InputError(`Invalid "${name}": ${quoted(value)}. ${usage}`);
  }
  const invalid = invalidRefPart(ref);
  if (invalid) {
    throw new InputError(
      `Invalid "${name}": ${quoted(value)}: ${quoted(
        ref[invalid.part],
      )} is not a valid entity ${invalid.part}; ${invalid.rule}. ${usage}`,
    );
  }
  return stringifyEntityRef(ref);
}

export function requiredText(value: unknown, name: string, example: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `Missing "${name}". Pass it as a query parameter, e.g. ${name}=${example}.`,
    );
  }
  return value;
}

/** The `period` of a history request: week or month, default month. */
export function historyPeriodParameter(value: unknown): 'week' | 'month' {
  const period = value ?? 'month';
  if (period !== 'week' && period !== 'month') {
    throw new InputError(
      `Invalid "period": "${String(period)}". Use week or month.`,
    );
  }
  return period;
}

/** An objective's name; empty names the unnamed objective of an SLO that has one. */
export function objectiveParameter(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function entityRefFromPath(req: Request): string {
  const { kind, namespace, name } = req.params;
  const ref = { kind, namespace, name };
  const invalid = invalidRefPart(ref);
  if (invalid) {
    throw new InputError(
      `Invalid entity ${invalid.part} ${quoted(
        ref[invalid.part],
      )} in the path: ${
        invalid.rule
      }. Use /entities/<kind>/<namespace>/<name>/..., e.g. /entities/component/default/checkout/slos.`,
    );
  }
  return stringifyEntityRef(ref);
}
