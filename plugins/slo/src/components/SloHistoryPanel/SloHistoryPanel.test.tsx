import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { breachingSlo, FakeSloApi } from '../../testing';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { defaultHistoryPeriod, SloHistoryPanel } from './SloHistoryPanel';

describe('SloHistoryPanel', () => {
  it('loads months for a 30-day SLO and weeks on request', async () => {
    const api = new FakeSloApi();
    renderSlo(<SloHistoryPanel status={breachingSlo} />, { api });
    expect(await screen.findByTestId('slo-history-summary')).toHaveTextContent('months');
    expect(api.calls[0].args[0]).toEqual({
      entityRef: 'component:default/checkout',
      name: 'checkout-availability',
      period: 'month',
      count: 12,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Weeks' }));
    await waitFor(() => expect(screen.getByTestId('slo-history-summary')).toHaveTextContent('weeks'));
    expect(api.calls[1].args[0]).toMatchObject({ period: 'week' });
  });

  it('shows a failed request with the message', async () => {
    const api = new FakeSloApi();
    api.history = async () => {
      throw new Error('history is not available for this SLO');
    };
    renderSlo(<SloHistoryPanel status={breachingSlo} />, { api });
    expect(await screen.findByTestId('slo-error')).toHaveTextContent(
      'history is not available for this SLO',
    );
  });

  it('picks weeks for weekly windows', () => {
    expect(defaultHistoryPeriod({ type: 'rolling', durationSeconds: 7 * 86400, label: '7d' })).toBe('week');
    expect(defaultHistoryPeriod({ type: 'calendar', unit: 'week', timeZone: 'UTC', label: 'week' })).toBe('week');
    expect(defaultHistoryPeriod({ type: 'calendar', unit: 'quarter', timeZone: 'UTC', label: 'q' })).toBe('month');
  });
});
