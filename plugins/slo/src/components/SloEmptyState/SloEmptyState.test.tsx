import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { problems } from '../../testing';
import { SloEmptyState } from './SloEmptyState';

describe('SloEmptyState', () => {
  it('explains what to add with a copyable example', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<SloEmptyState entityName="checkout" problems={[]} hasAnnotation={false} />);
    expect(screen.getByRole('heading', { name: 'No SLOs declared for this entity' })).toBeInTheDocument();
    expect(screen.getByText('slo-kit.dev/slos')).toBeInTheDocument();
    expect(screen.getByText('slo-kit.dev/templates')).toBeInTheDocument();
    expect(screen.getByText('slo-kit.dev/openslo')).toBeInTheDocument();
    const example = screen.getByTestId('slo-example');
    expect(example).toHaveTextContent('slo-kit.dev/slos: |');
    expect(example).toHaveTextContent('- name: checkout-availability');
    expect(example).toHaveTextContent('good: http_requests_total{service="checkout",code!~"5.."}');
    expect(screen.queryByTestId('slo-problems')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Copy example' }));
    expect(writeText).toHaveBeenCalledWith(example.textContent);
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it('says so when copying is not allowed', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: jest.fn().mockRejectedValue(new Error('denied')) },
      configurable: true,
    });
    render(<SloEmptyState entityName="checkout" problems={[]} hasAnnotation={false} />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy example' }));
    expect(screen.getByRole('button', { name: 'Copy failed: select the text' })).toBeInTheDocument();
  });

  it('lists validation problems with their annotation and field path', () => {
    render(<SloEmptyState entityName="checkout" problems={problems} hasAnnotation />);
    expect(screen.getByRole('heading', { name: 'No valid SLOs declared' })).toBeInTheDocument();
    expect(screen.getByText('The SLO annotations have 2 problems')).toBeInTheDocument();
    const items = screen.getAllByTestId('slo-problem');
    expect(items[0]).toHaveTextContent(
      'slo-kit.dev/slos [1].objective: The objective must be a percentage between 0 and 100, such as 99.9.Found 999; expected a number above 0 and below 100.',
    );
    expect(items[1]).toHaveTextContent('slo-kit.dev/slos [0].sli.ratoi: Unknown key "ratoi" in the SLI.');
    expect(items[1]).toHaveTextContent('Did you mean ratio?');
  });
});
