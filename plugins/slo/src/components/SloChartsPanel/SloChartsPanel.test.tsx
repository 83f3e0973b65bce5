import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { breachingSlo, FakeSloApi, NOW } from '../../testing';
import { FakeIntersectionObservers } from '../../__testUtils__/fakeIntersectionObserver';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { SloChartsPanel } from './SloChartsPanel';

describe('SloChartsPanel', () => {
  describe('far from the viewport', () => {
    const viewport = new FakeIntersectionObservers();
    beforeEach(() => viewport.install());
    afterEach(() => viewport.uninstall());

    it('fetches and draws nothing until it is scrolled near', async () => {
      const api = new FakeSloApi();
      renderSlo(<SloChartsPanel status={breachingSlo} now={NOW} />, { api });
      const panel = await screen.findByRole('region', { name: 'Charts of checkout-availability' });
      // The header and its range selector are there; the charts wait.
      expect(screen.getByTestId('slo-range-selector')).toBeInTheDocument();
      expect(screen.getByLabelText('Loading charts')).toBeInTheDocument();
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(api.calls).toEqual([]);
      expect(screen.queryByTestId('slo-chart-sli')).not.toBeInTheDocument();

      viewport.scrollIntoView(panel);
      expect(await screen.findByTestId('slo-chart-sli')).toBeInTheDocument();
      expect(api.calls).toHaveLength(1);
      expect(api.calls[0].args[0]).toMatchObject({ from: NOW - 30 * 86400, to: NOW });
      // Seen once is enough: the observer is gone and the charts stay.
      expect(viewport.observed()).toEqual([]);
    });

    it('loads at once when it is already in view as it mounts', async () => {
      // Laid out inside a 768 px high window, without waiting for the observer's first report.
      const inView = jest
        .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
        .mockReturnValue(DOMRect.fromRect({ x: 0, y: 300, width: 800, height: 400 }));
      try {
        const api = new FakeSloApi();
        renderSlo(<SloChartsPanel status={breachingSlo} now={NOW} />, { api });
        expect(await screen.findByTestId('slo-chart-sli')).toBeInTheDocument();
        expect(api.calls).toHaveLength(1);
        expect(viewport.observed()).toEqual([]);
      } finally {
        inView.mockRestore();
      }
    });
  });

  it('starts with the range that shows the window and reloads on a new range', async () => {
    const api = new FakeSloApi();
    renderSlo(<SloChartsPanel status={breachingSlo} now={NOW} />, { api });
    await screen.findByTestId('slo-chart-sli');
    const selector = screen.getByRole('group', {
      name: 'Time range of the charts of checkout-availability',
    });
    expect(screen.getByRole('button', { name: '30d' })).toHaveAttribute('aria-pressed', 'true');
    expect(api.calls[0].args[0]).toEqual({
      entityRef: 'component:default/checkout',
      name: 'checkout-availability',
      from: NOW - 30 * 86400,
      to: NOW,
    });

    await userEvent.click(screen.getByRole('button', { name: '24h' }));
    expect(screen.getByRole('button', { name: '24h' })).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(api.calls).toHaveLength(2));
    expect(api.calls[1].args[0]).toMatchObject({ from: NOW - 86400, to: NOW });
    expect(await screen.findByRole('img', { name: /^\S+-window SLI over the last 24 hours/ })).toBeInTheDocument();
    expect(selector).toBe(screen.getByTestId('slo-range-selector'));
  });

  it('keeps a range selected when the active one is clicked again', async () => {
    renderSlo(<SloChartsPanel status={breachingSlo} now={NOW} />);
    await screen.findByTestId('slo-chart-sli');
    await userEvent.click(screen.getByRole('button', { name: '30d' }));
    expect(screen.getByRole('button', { name: '30d' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('shows the backend’s error with a retry', async () => {
    const api = new FakeSloApi();
    let attempts = 0;
    api.series = async request => {
      attempts += 1;
      if (attempts === 1) {
        throw new Error('series store unavailable');
      }
      return new FakeSloApi().series(request);
    };
    renderSlo(<SloChartsPanel status={breachingSlo} now={NOW} />, { api });
    expect(await screen.findByTestId('slo-error')).toHaveTextContent(
      'Could not load the series of checkout-availabilityseries store unavailable',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('slo-chart-sli')).toBeInTheDocument();
  });
});
