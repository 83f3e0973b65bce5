import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import {
  atRiskSlo,
  breachingSlo,
  checkoutEntity,
  commerceSystem,
  COMMERCE_REF,
  entityCompositesResponse,
  weightedComposite,
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

  describe('on a System with composite SLOs', () => {
    function systemApi() {
      const api = new FakeSloApi();
      api.entitySlos = async () => ({ ...entitySlosResponse([]), entityRef: COMMERCE_REF });
      return api;
    }

    it('shows its composites worst first, each with its members, and no empty state', async () => {
      const api = systemApi();
      renderSlo(<EntitySloContent />, { api, entity: commerceSystem });
      const section = await screen.findByRole('region', { name: 'Composite SLOs' });
      expect(section).toHaveTextContent('2 composite SLOs');
      const cards = within(section).getAllByTestId('composite-slo-card');
      expect(cards.map(card => card.getAttribute('data-composite'))).toEqual([
        'checkout-journey',
        'checkout-experience',
      ]);
      expect(within(cards[0]).getAllByTestId('composite-member')).toHaveLength(3);
      expect(screen.queryByTestId('slo-empty-state')).not.toBeInTheDocument();
      // A System without SLOs of its own has no SLO summary, and its rules are its composites'.
      expect(screen.queryByTestId('slo-summary')).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: /rules/i })).toBeInTheDocument();
      expect(api.calls.slice(0, 2)).toEqual([
        { method: 'getEntitySlos', args: ['system:default/commerce'] },
        { method: 'getEntityComposites', args: ['system:default/commerce'] },
      ]);
      await within(cards[0]).findByTestId('slo-history-summary');
    });

    it('lists the composites’ problems with the SLOs’ problems', async () => {
      const api = systemApi();
      api.composites = async () =>
        entityCompositesResponse(
          [weightedComposite],
          [
            {
              entityRef: COMMERCE_REF,
              annotation: 'slo-kit.dev/composite-slos',
              path: '[0].members[1]',
              message: 'Unknown member: entity component:default/checkout has no SLO named "availabilty".',
              didYouMean: 'availability',
            },
          ],
        );
      renderSlo(<EntitySloContent />, { api, entity: commerceSystem });
      expect(await screen.findByTestId('slo-problems')).toHaveTextContent('[0].members[1]');
      expect(screen.getByTestId('composite-slo-card')).toHaveAttribute('data-composite', 'checkout-experience');
    });

    it('shows the empty state with the problems when no composite is valid', async () => {
      const api = systemApi();
      api.composites = async () => entityCompositesResponse([], problems);
      renderSlo(<EntitySloContent />, { api, entity: commerceSystem });
      expect(await screen.findByTestId('slo-empty-state')).toBeInTheDocument();
      expect(screen.getAllByTestId('slo-problem')).toHaveLength(2);
    });

    it('keeps the SLOs when the composites fail to load, and says so', async () => {
      const api = systemApi();
      api.entitySlos = async () => ({ ...entitySlosResponse([healthySlo]), entityRef: COMMERCE_REF });
      api.composites = async () => {
        throw new Error('the catalog is unavailable');
      };
      renderSlo(<EntitySloContent />, { api, entity: commerceSystem });
      expect(await screen.findByTestId('slo-error')).toHaveTextContent(
        'Could not load the composite SLOs of Commerce',
      );
      expect(screen.getByTestId('slo-card')).toBeInTheDocument();
      await screen.findByTestId('slo-history-summary');
    });

    it('asks for no composites on an entity that declares none', async () => {
      const api = apiWith(entitySlosResponse([healthySlo]));
      renderSlo(<EntitySloContent />, { api, entity: checkoutEntity });
      await screen.findByTestId('slo-history-summary');
      expect(api.calls.map(call => call.method)).not.toContain('getEntityComposites');
    });
  });
});
