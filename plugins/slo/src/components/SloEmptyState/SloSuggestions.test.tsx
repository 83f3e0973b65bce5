import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseEntitySlos, type EntitySuggestionsResponse } from '@slo-kit/plugin-slo-common';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { FakeSloApi } from '../../testing';
import { SloEmptyState } from './SloEmptyState';

const END = 1_795_132_800; // 2026-11-20T00:00:00Z

const response: EntitySuggestionsResponse = {
  entityRef: 'component:default/status-page',
  suggestions: [
    {
      entityRef: 'component:default/status-page',
      template: 'http-availability',
      family: 'Prometheus HTTP conventions',
      parameters: { job: 'status-page' },
      windowStart: END - 30 * 86400,
      windowEnd: END,
      good: 1_729_087,
      total: 1_733_420,
      attainment: 1_729_087 / 1_733_420,
      objective: 99.5,
      templateObjective: 99.9,
    },
  ],
  annotation: 'http-availability: { job: status-page, objective: 99.5 }',
  checkedAt: '2026-11-20T00:05:00.000Z',
};

function renderEmptyState(answer: EntitySuggestionsResponse, hasAnnotation = false) {
  const api = new FakeSloApi();
  api.suggestions = async () => answer;
  renderSlo(
    <SloEmptyState entityName="status-page" problems={[]} hasAnnotation={hasAnnotation} entityRef={answer.entityRef} />,
    { api },
  );
  return api;
}

describe('SloEmptyState with suggestions', () => {
  it('shows each suggestion with its figures and a copyable annotation that yields the suggested SLO', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const api = renderEmptyState(response);
    const section = await screen.findByRole('region', { name: 'A suggested SLO from this service’s metrics' });
    const [item] = within(section).getAllByTestId('slo-suggestion');
    expect(within(item).getByRole('heading', { name: 'http-availability' })).toBeInTheDocument();
    expect(item).toHaveTextContent('Attainment, last 30 days99.750% (1,729,087 good of 1,733,420 events, to');
    expect(item).toHaveTextContent('Suggested objective99.5%');
    expect(item).toHaveTextContent('Templatehttp-availability (Prometheus HTTP conventions, its default objective 99.9%)');
    expect(api.calls).toContainEqual({ method: 'getEntitySuggestions', args: ['component:default/status-page'] });

    // The copy button's accessible name is its visible label.
    await userEvent.click(within(section).getByRole('button', { name: 'Copy annotation' }));
    const copied = writeText.mock.calls[0][0] as string;
    expect(copied).toBe(screen.getByTestId('slo-suggestion-annotation').textContent);
    expect(copied).toBe('slo-kit.dev/templates: |\n  http-availability: { job: status-page, objective: 99.5 }\n');
    // Pasted under metadata.annotations, it declares the suggested SLO.
    const [key, ...lines] = copied.trimEnd().split('\n');
    const annotations = { [key.replace(/: \|$/, '')]: lines.map(line => line.slice(2)).join('\n') };
    const { slos, problems } = parseEntitySlos({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'status-page', annotations },
    });
    expect(problems).toEqual([]);
    expect(slos.map(slo => [slo.name, slo.objectives[0].target])).toEqual([['http-availability', 0.995]]);
    expect(within(section).getByRole('button', { name: 'Copied' })).toBeInTheDocument();
    // The generic guidance stays below.
    expect(screen.getByRole('heading', { name: 'No SLOs declared for this entity' })).toBeInTheDocument();
  });

  it('shows nothing more without suggestions, or for an entity that declares SLOs', async () => {
    renderEmptyState({ ...response, suggestions: [], annotation: null });
    expect(await screen.findByRole('heading', { name: 'No SLOs declared for this entity' })).toBeInTheDocument();
    expect(screen.queryByTestId('slo-suggestions')).not.toBeInTheDocument();
  });

  it('does not ask for suggestions when the entity has SLO annotations (with problems)', async () => {
    const api = renderEmptyState(response, true);
    expect(await screen.findByRole('heading', { name: 'No valid SLOs declared' })).toBeInTheDocument();
    expect(api.calls.map(call => call.method)).not.toContain('getEntitySuggestions');
  });
});
