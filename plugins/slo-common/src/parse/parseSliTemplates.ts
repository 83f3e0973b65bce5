import type { ValidationProblem } from '../model/ValidationProblem';
import { describeType } from '../util/describeType';
import { BUILTIN_SLI_TEMPLATES } from './templates';
import { expandTemplate, placeholdersIn } from './expandTemplate';
import { childPath, ProblemCollector } from './ProblemCollector';
import { readMapping, readName } from './readFields';
import { readSloItem, SLO_KEYS } from './readSloItem';
import type { SliTemplate, SliTemplateParameter } from './SliTemplate';

/**
 * The `entityRef` and `annotation` of problems found in app-config templates.
 *
 * @public
 */
export const TEMPLATE_CONFIG_PROBLEM_SOURCE = { entityRef: 'app-config', annotation: 'slo.templates' };

const TEMPLATE_KEYS = ['description', 'parameters', 'slo', 'serviceParameter'] as const;
const PARAMETER_KEYS = ['description', 'default', 'required', 'example'] as const;
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Templates from app-config plus problems.
 *
 * @public
 */
export interface ParsedSliTemplates {
  /** Built-in templates (unless turned off) overridden and extended by app-config's. */
  templates: SliTemplate[];
  problems: ValidationProblem[];
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function readParameters(
  value: unknown,
  path: string,
  problems: ProblemCollector,
): SliTemplateParameter[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.add(path, `"parameters" must be a mapping of parameter names to {description, default, required}, not ${describeType(value)}.`, {
      found: value,
      expected: 'parameters: {job: {required: true}, metric: {default: http_requests_total}}',
    });
    return undefined;
  }
  const before = problems.count;
  const parameters: SliTemplateParameter[] = [];
  for (const [name, spec] of Object.entries(value as Record<string, unknown>)) {
    const parameterPath = childPath(path, name);
    if (!PARAMETER_NAME.test(name) || name === 'window') {
      problems.add(parameterPath, name === 'window'
        ? '"window" cannot be a parameter: {{window}} in queries is the bucket length, and the window parameter sets the SLO window.'
        : `"${name}" is not a valid parameter name: use letters, digits and underscores.`, { found: name });
      continue;
    }
    // Declaring a reserved parameter (objective, name, ...) is allowed: it gives
    // the {{objective}} placeholder a default and a description; the entity's
    // value still replaces the SLO's field as well.
    if (isScalar(spec)) {
      // Short form: the value is the default.
      parameters.push({ name, default: spec, required: false });
      continue;
    }
    const record = readMapping(spec ?? {}, parameterPath, PARAMETER_KEYS, problems, `the parameter "${name}"`);
    if (!record) continue;
    const parameter: SliTemplateParameter = { name, required: record.default === undefined };
    if (typeof record.description === 'string') parameter.description = record.description;
    if (record.default !== undefined) {
      if (isScalar(record.default)) parameter.default = record.default;
      else problems.add(childPath(parameterPath, 'default'), 'A default must be text, a number or a boolean.', { found: record.default });
    }
    if (record.example !== undefined) {
      if (isScalar(record.example)) parameter.example = record.example;
      else problems.add(childPath(parameterPath, 'example'), 'An example must be text, a number or a boolean.', { found: record.example });
    }
    if (record.required !== undefined) {
      if (typeof record.required !== 'boolean') {
        problems.add(childPath(parameterPath, 'required'), '"required" must be true or false.', { found: record.required });
      } else if (record.required && record.default !== undefined) {
        problems.add(childPath(parameterPath, 'required'), 'A parameter with a default is not required; remove "required" or the default.', {
          found: record.required,
        });
      } else parameter.required = record.required;
    }
    parameters.push(parameter);
  }
  return problems.count > before ? undefined : parameters;
}

/**
 * Checks a template: placeholders are declared parameters, and, when every
 * parameter has a default or an example, the expanded body is a valid SLO.
 */
export function checkTemplate(template: SliTemplate, path: string, problems: ProblemCollector): void {
  const declared = new Set(template.parameters.map(parameter => parameter.name));
  for (const placeholder of placeholdersIn(template.slo)) {
    if (!declared.has(placeholder)) {
      problems.add(childPath(path, 'slo'), `The placeholder {{${placeholder}}} is not a declared parameter of template "${template.name}"; add it under "parameters".`, {
        found: `{{${placeholder}}}`,
        expected: declared.size > 0 ? `one of ${[...declared].map(name => `{{${name}}}`).join(', ')}` : 'a declared parameter',
      });
    }
  }
  const samples: Record<string, unknown> = {};
  for (const parameter of template.parameters) {
    const sample = parameter.default ?? parameter.example;
    if (sample === undefined) return; // cannot expand without guessing
    samples[parameter.name] = sample;
  }
  readSloItem(expandTemplate(template, samples), childPath(path, 'slo'), problems, {
    entityRef: 'component:default/template-check',
    origin: { kind: 'template', annotation: problems.annotation, detail: template.name },
    defaultName: template.name,
  });
}

/**
 * Reads SLI templates from app-config's `slo.templates` (a map of template
 * name to `{description, parameters, slo, serviceParameter}`) and merges them over the
 * built-in ones ({@link BUILTIN_SLI_TEMPLATES}): a template with a built-in's
 * name replaces it. Problems carry `entityRef: 'app-config'` and
 * `annotation: 'slo.templates'`. Never throws.
 *
 * @public
 */
export function parseSliTemplates(
  configValue: unknown,
  options: { includeBuiltins?: boolean } = {},
): ParsedSliTemplates {
  const problems = new ProblemCollector(
    TEMPLATE_CONFIG_PROBLEM_SOURCE.entityRef,
    TEMPLATE_CONFIG_PROBLEM_SOURCE.annotation,
  );
  const byName = new Map<string, SliTemplate>();
  if (options.includeBuiltins !== false) {
    for (const template of BUILTIN_SLI_TEMPLATES) byName.set(template.name, template);
  }
  if (configValue !== undefined && configValue !== null) {
    if (typeof configValue !== 'object' || Array.isArray(configValue)) {
      problems.add('', `slo.templates must be a mapping of template names to templates, not ${describeType(configValue)}.`, {
        found: configValue,
        expected: 'slo.templates: {my-template: {parameters: {...}, slo: {...}}}',
      });
    } else {
      for (const [name, value] of Object.entries(configValue as Record<string, unknown>)) {
        const scoped = problems.scoped({ sloName: name });
        const before = problems.count;
        const validName = readName(name, name, scoped, 'The template name');
        const record = readMapping(value, name, TEMPLATE_KEYS, scoped, `the template "${name}"`);
        if (!record || validName === undefined) continue;
        const parameters = readParameters(record.parameters, childPath(name, 'parameters'), scoped);
        const slo = readMapping(record.slo, childPath(name, 'slo'), SLO_KEYS, scoped, `the SLO of template "${name}"`);
        if (!parameters || !slo || problems.count > before) continue;
        const template: SliTemplate = { name, parameters, slo };
        if (typeof record.description === 'string') template.description = record.description;
        if (record.serviceParameter !== undefined) {
          // Names the service in the metrics: suggested SLOs fill it from the entity.
          if (typeof record.serviceParameter !== 'string' || !parameters.some(p => p.name === record.serviceParameter)) {
            scoped.add(childPath(name, 'serviceParameter'), `"serviceParameter" must name one of the template's parameters, the one that names the service in its metrics.`, {
              found: record.serviceParameter,
              expected: parameters.length > 0 ? `one of ${parameters.map(p => p.name).join(', ')}` : 'a declared parameter',
            });
            continue;
          }
          template.serviceParameter = record.serviceParameter;
        }
        checkTemplate(template, name, scoped);
        if (problems.count === before) byName.set(name, template);
      }
    }
  }
  return { templates: [...byName.values()], problems: problems.problems };
}
