import { SLO_TEMPLATES_ANNOTATION } from '../model/annotations';
import type { SloDefinition } from '../model/SloDefinition';
import { describeType } from '../util/describeType';
import { didYouMean } from '../util/didYouMean';
import { expandTemplate, RESERVED_TEMPLATE_PARAMETERS } from './expandTemplate';
import { childPath, ProblemCollector } from './ProblemCollector';
import { parseYamlSafely } from './parseYamlSafely';
import { readSloItem } from './readSloItem';
import type { SliTemplate } from './SliTemplate';

function applyOne(
  template: SliTemplate,
  values: unknown,
  path: string,
  problems: ProblemCollector,
  options: { entityRef: string; knownSources?: readonly string[] },
): SloDefinition | undefined {
  const scoped = problems.scoped({ sloName: template.name });
  let record: Record<string, unknown> = {};
  if (values !== undefined && values !== null) {
    if (typeof values !== 'object' || Array.isArray(values)) {
      scoped.add(path, `The parameters of template "${template.name}" must be a mapping, not ${describeType(values)}.`, {
        found: values,
        expected: `${template.name}: {${template.parameters.filter(p => p.required).map(p => `${p.name}: ...`).join(', ')}}`,
      });
      return undefined;
    }
    record = values as Record<string, unknown>;
  }
  const before = problems.count;
  const known = [...template.parameters.map(parameter => parameter.name), ...RESERVED_TEMPLATE_PARAMETERS];
  for (const [key, value] of Object.entries(record)) {
    const parameterPath = childPath(path, key);
    if (!known.includes(key)) {
      scoped.add(parameterPath, `Template "${template.name}" has no parameter "${key}".`, {
        found: key,
        expected: `one of ${known.join(', ')}`,
        didYouMean: didYouMean(key, known),
      });
    } else if (
      !(RESERVED_TEMPLATE_PARAMETERS as readonly string[]).includes(key) &&
      (value === null || typeof value === 'object')
    ) {
      scoped.add(parameterPath, `The parameter "${key}" must be text, a number or a boolean.`, { found: value });
    }
  }
  for (const parameter of template.parameters) {
    if (parameter.required && (record[parameter.name] === undefined || record[parameter.name] === null)) {
      scoped.add(childPath(path, parameter.name), `Template "${template.name}" needs the parameter "${parameter.name}"${parameter.description ? ` (${parameter.description})` : ''}.`, {
        expected: `${parameter.name}: ${parameter.example ?? '...'}`,
      });
    }
  }
  if (problems.count > before) return undefined;
  const name = typeof record.name === 'string' ? record.name : template.name;
  return readSloItem(expandTemplate(template, record), path, problems.scoped({ sloName: name }), {
    entityRef: options.entityRef,
    origin: { kind: 'template', annotation: SLO_TEMPLATES_ANNOTATION, detail: template.name },
    knownSources: options.knownSources,
    defaultName: template.name,
  });
}

/**
 * Reads the `slo-kit.dev/templates` annotation: a YAML mapping of template
 * name to parameters (`http-availability: {job: checkout}`), one key per
 * template; a list of parameter mappings applies a template several times
 * (give each a `name`). A bare template name applies it without parameters.
 */
export function applySliTemplates(
  text: string,
  templates: readonly SliTemplate[],
  problems: ProblemCollector,
  options: { entityRef: string; knownSources?: readonly string[] },
): SloDefinition[] {
  const yaml = parseYamlSafely(text);
  for (const error of yaml.errors) {
    problems.add('', error, { expected: 'a YAML mapping such as "http-availability: {job: checkout}"' });
  }
  if (yaml.errors.length > 0 || yaml.documents.length === 0) {
    if (yaml.errors.length === 0) problems.add('', 'The annotation is empty.', { expected: 'http-availability: {job: checkout}' });
    return [];
  }
  let uses = yaml.documents[0];
  if (typeof uses === 'string') uses = { [uses]: null };
  if (!uses || typeof uses !== 'object' || Array.isArray(uses)) {
    problems.add('', `The annotation must be a mapping of template names to parameters, not ${describeType(uses)}.`, {
      found: uses,
      expected: 'http-availability: {job: checkout}',
    });
    return [];
  }
  const names = templates.map(template => template.name);
  const slos: SloDefinition[] = [];
  for (const [name, values] of Object.entries(uses as Record<string, unknown>)) {
    const template = templates.find(candidate => candidate.name === name);
    if (!template) {
      problems.add(name, `There is no SLI template named "${name}".`, {
        found: name,
        expected: names.length > 0 ? `one of ${names.join(', ')}` : 'a template from app-config slo.templates',
        didYouMean: didYouMean(name, names),
      });
      continue;
    }
    const list = Array.isArray(values) ? values : [values];
    list.forEach((item, index) => {
      const path = Array.isArray(values) ? childPath(name, index) : name;
      const slo = applyOne(template, item, path, problems, options);
      if (slo) slos.push(slo);
    });
  }
  return slos;
}
