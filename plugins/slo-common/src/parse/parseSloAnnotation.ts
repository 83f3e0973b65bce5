import { SLO_ANNOTATION } from '../model/annotations';
import type { SloDefinition } from '../model/SloDefinition';
import { describeType } from '../util/describeType';
import { childPath, ProblemCollector } from './ProblemCollector';
import { parseYamlSafely } from './parseYamlSafely';
import { readSloItem } from './readSloItem';

/**
 * Reads the `slo-kit.dev/slos` annotation: a YAML list of SLOs (a single
 * mapping is read as a list of one). Problems go to `problems`.
 */
export function parseSloAnnotation(
  text: string,
  problems: ProblemCollector,
  options: { entityRef: string; knownSources?: readonly string[] },
): SloDefinition[] {
  const yaml = parseYamlSafely(text);
  for (const error of yaml.errors) {
    problems.add('', error, { expected: 'a YAML list of SLOs, written as a block scalar (slo-kit.dev/slos: |)' });
  }
  if (yaml.errors.length > 0) return [];
  if (yaml.documents.length !== 1) {
    problems.add('', yaml.documents.length === 0 ? 'The annotation is empty.' : 'The annotation holds several YAML documents; write one list.', {
      expected: 'a YAML list of SLOs',
    });
    return [];
  }
  let items = yaml.documents[0];
  if (items && typeof items === 'object' && !Array.isArray(items)) items = [items];
  if (!Array.isArray(items)) {
    problems.add('', `The annotation must hold a YAML list of SLOs, not ${describeType(items)}.`, {
      found: items,
      expected: 'a list: "- name: availability ..." (use a block scalar: slo-kit.dev/slos: |)',
    });
    return [];
  }
  const slos: SloDefinition[] = [];
  items.forEach((item, index) => {
    const slo = readSloItem(item, childPath('', index), problems, {
      entityRef: options.entityRef,
      origin: { kind: 'annotation', annotation: SLO_ANNOTATION },
      knownSources: options.knownSources,
    });
    if (slo) slos.push(slo);
  });
  return slos;
}
