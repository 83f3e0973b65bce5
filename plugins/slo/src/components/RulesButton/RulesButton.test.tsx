import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeSloApi } from '../../testing';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { RulesButton } from './RulesButton';

describe('RulesButton', () => {
  const createObjectURL = jest.fn(() => 'blob:rules');
  const revokeObjectURL = jest.fn();

  beforeEach(() => {
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  it('downloads the entity’s Prometheus rules as YAML', async () => {
    const api = new FakeSloApi();
    api.rules = async () => 'groups:\n  - name: slo-checkout\n';
    const clicked: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function recordClick(this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    renderSlo(<RulesButton entityRef="component:default/checkout" entityName="checkout" />, { api });
    await userEvent.click(screen.getByRole('button', { name: 'Prometheus rules' }));
    expect(api.calls).toEqual([{ method: 'getRules', args: ['component:default/checkout'] }]);
    expect(clicked).toEqual(['checkout-slo-rules.yaml']);
    const blob = (createObjectURL.mock.calls as unknown as Blob[][])[0][0];
    expect(await blob.text()).toBe('groups:\n  - name: slo-checkout\n');
  });

  it('says why the export failed', async () => {
    const api = new FakeSloApi();
    api.rules = async () => {
      throw new Error('rules export needs a Prometheus source');
    };
    renderSlo(<RulesButton entityRef="component:default/checkout" entityName="checkout" />, { api });
    await userEvent.click(screen.getByRole('button', { name: 'Prometheus rules' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not export the rules: rules export needs a Prometheus source',
    );
  });
});
