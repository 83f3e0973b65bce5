import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import {
  atRiskSlo,
  breachingSlo,
  checkoutEntity,
  demoCalendarSlo,
  entitySlosResponse,
  FakeSloApi,
  healthySlo,
  plainEntity,
  problems,
} from '../../testing';
import { FakeIntersectionObservers } from '../../__testUtils__/fakeIntersectionObserver';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { EntitySloContent } from './EntitySloContent';

function apiWith(response: ReturnType<typeof entitySlosResponse>) {
  const api = new FakeSloApi();
  api.entitySlos = async () => response;
  return api;
}

describe('EntitySloContent', () => {
  it('loads the entity’s SLOs and shows the worst first', async () => {
    const api = apiWith(entitySlosResponse([healthySlo, breachingSlo]));
    renderSlo(<EntitySloContent />, { api, entity: checkoutEntity });
    expect(await screen.findByTestId('slo-summary')).toHaveTextContent('2 SLOs · 1 meeting · 1 breaching');
    await screen.findAllByTestId('slo-history-summary');
    expect(api.calls[0]).toEqual({ method: 'getEntitySlos', args: ['component:default/checkout'] });
    const cards = screen.getAllByTestId('slo-card');
    expect(cards.map(card => card.getAttribute('data-slo'))).toEqual([
      'checkout-availability',
      'checkout-latency',
    ]);
    // Two SLOs: both stay expanded.
    expect(screen.queryByTestId('slo-card-oneline')).not.toBeInTheDocument();
  });

  it('collapses healthy SLOs to one line when there are several', async () => {
    const api = apiWith(entitySlosResponse([healthySlo, atRiskSlo, breachingSlo]));
    renderSlo(<EntitySloContent />, { api, entity: checkoutEntity });
    await screen.findAllByTestId('slo-history-summary');
    const cards = screen.getAllByTestId('slo-card');
    expect(cards.map(card => card.getAttribute('data-health'))).toEqual(['breaching', 'at-risk', 'met']);
    expect(within(cards[2]).getByTestId('slo-card-oneline')).toHaveTextContent('Attainment 99.61%');
    expect(within(cards[0]).queryByTestId('slo-card-oneline')).not.toBeInTheDocument();
    // Only the two expanded cards fetched their series.
    expect(api.calls.filter(call => call.method === 'getSeries')).toHaveLength(2);
  });

  describe('with cards below the fold', () => {
    const viewport = new FakeIntersectionObservers();
    beforeEach(() => viewport.install());
    afterEach(() => viewport.uninstall());

    it('loads a card’s charts and history only once it is scrolled to', async () => {
      const api = apiWith(entitySlosResponse([breachingSlo, atRiskSlo]));
      renderSlo(<EntitySloContent />, { api, entity: checkoutEntity });
      const cards = await screen.findAllByTestId('slo-card');
      // Figures are on screen at once; only the first card is in view.
      expect(within(cards[1]).getByTestId('slo-attainment-value')).toBeInTheDocument();
      viewport.scrollIntoView(cards[0]);
      await within(cards[0]).findByTestId('slo-chart-sli');
      await within(cards[0]).findByTestId('slo-history-summary');
      const requested = () =>
        api.calls
          .filter(call => call.method !== 'getEntitySlos')
          .map(call => `${call.method} ${(call.args[0] as { name: string }).name}`);
      expect(requested()).toEqual([
        'getSeries checkout-availability',
        'getHistory checkout-availability',
      ]);
      expect(within(cards[1]).queryByTestId('slo-chart-sli')).not.toBeInTheDocument();

      viewport.scrollIntoView(cards[1]);
      expect(await within(cards[1]).findByTestId('slo-chart-sli')).toBeInTheDocument();
      await within(cards[1]).findByTestId('slo-history-summary');
      expect(requested()).toHaveLength(4);
    });
  });

  it('marks demo data in the summary and on the card', async () => {
    const api = apiWith(entitySlosResponse([demoCalendarSlo]));
    renderSlo(<EntitySloContent />, { api, entity: checkoutEntity });
    expect(await screen.findByTestId('slo-summary-demo')).toBeInTheDocument();
    expect(screen.getByTestId('slo-demo-badge')).toBeInTheDocument();
    await screen.findByTestId('slo-history-summary');
  });

  it('lists problems above the valid SLOs', async () => {
    const api = apiWith(entitySlosResponse([healthySlo], problems));
    renderSlo(<EntitySloContent />, { api, entity: checkoutEntity });
    expect(await screen.findByTestId('slo-problems')).toHaveTextContent('[1].objective');
    expect(screen.getByTestId('slo-summary')).toHaveTextContent('2 definition problems');
    await screen.findByTestId('slo-history-summary');
  });

  it('shows the empty state with problems when no SLO is valid', async () => {
    const api = apiWith(entitySlosResponse([], problems));
    renderSlo(<EntitySloContent />, { api, entity: checkoutEntity });
    expect(await screen.findByTestId('slo-empty-state')).toHaveTextContent('No valid SLOs declared');
    expect(screen.getAllByTestId('slo-problem')).toHaveLength(2);
  });

  it('shows the empty state for an entity without annotations', async () => {
    const api = apiWith({ ...entitySlosResponse([]), entityRef: 'component:default/legacy-batch' });
    renderSlo(<EntitySloContent />, { api, entity: plainEntity });
    expect(await screen.findByRole('heading', { name: 'No SLOs declared for this entity' })).toBeInTheDocument();
    expect(screen.getByTestId('slo-example')).toHaveTextContent('legacy-batch-availability');
  });

  it('shows the backend’s error message', async () => {
    const api = new FakeSloApi();
    api.entitySlos = async () => {
      throw await ResponseError.fromResponse({
        ok: false,
        status: 503,
        statusText: 'Service Unavailable',
        url: 'http://localhost:7007/api/slo/entities/component/default/checkout/slos',
        headers: new Headers({ 'content-type': 'application/json' }),
        text: async () =>
          JSON.stringify({
            error: { name: 'ServiceUnavailableError', message: 'The SLO store is migrating; try again in a minute' },
            response: { statusCode: 503 },
          }),
      } as unknown as Response);
    };
    renderSlo(<EntitySloContent />, { api, entity: checkoutEntity });
    expect(await screen.findByTestId('slo-error')).toHaveTextContent(
      'Could not load the SLOs of CheckoutThe SLO store is migrating; try again in a minute (HTTP 503)',
    );
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
