import type { SliTemplate } from './SliTemplate';

/** `{{ name }}` anywhere in a string. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** A string that is nothing but one placeholder. */
const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/**
 * Parameters every template takes: they replace the body's field of the same
 * name rather than a placeholder.
 *
 * @public
 */
export const RESERVED_TEMPLATE_PARAMETERS = [
  'name',
  'description',
  'objective',
  'objectives',
  'window',
  'source',
  'labels',
  'minimumEvents',
] as const;

/** A template parameter's value as an entity or app-config gives it. */
export type TemplateValue = string | number | boolean;

/** Names of the placeholders used anywhere in a value, `{{window}}` excluded. */
export function placeholdersIn(value: unknown, found = new Set<string>(), depth = 0): Set<string> {
  if (depth > 40) return found;
  if (typeof value === 'string') {
    for (const match of value.matchAll(PLACEHOLDER)) {
      if (match[1] !== 'window') found.add(match[1]);
    }
  } else if (value && typeof value === 'object') {
    for (const child of Object.values(value)) placeholdersIn(child, found, depth + 1);
  }
  return found;
}

function substitute(value: unknown, values: Record<string, TemplateValue>, depth = 0): unknown {
  if (depth > 40) return value;
  if (typeof value === 'string') {
    // A whole-string placeholder keeps the parameter's type (a number stays a number).
    const whole = WHOLE_PLACEHOLDER.exec(value);
    if (whole && whole[1] in values) return values[whole[1]];
    return value.replace(PLACEHOLDER, (text, name: string) =>
      name in values ? String(values[name]) : text,
    );
  }
  if (Array.isArray(value)) return value.map(item => substitute(item, values, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, substitute(child, values, depth + 1)]),
    );
  }
  return value;
}

/**
 * The template's SLO body with parameters filled in: defaults first, then
 * `values`; reserved parameters replace the body's fields. Does not validate:
 * the result is read like any SLO, which reports what is wrong.
 */
export function expandTemplate(
  template: SliTemplate,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const placeholderValues: Record<string, TemplateValue> = {};
  for (const parameter of template.parameters) {
    const value = values[parameter.name] ?? parameter.default;
    if (value !== undefined && value !== null && typeof value !== 'object') {
      placeholderValues[parameter.name] = value as TemplateValue;
    }
  }
  const body = substitute(template.slo, placeholderValues) as Record<string, unknown>;
  for (const reserved of RESERVED_TEMPLATE_PARAMETERS) {
    if (values[reserved] === undefined) continue;
    body[reserved] = values[reserved];
    if (reserved === 'objective') delete body.objectives;
    if (reserved === 'objectives') delete body.objective;
  }
  return body;
}
