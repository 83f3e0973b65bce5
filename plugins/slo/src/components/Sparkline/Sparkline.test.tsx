import { render, screen } from '@testing-library/react';
import { Sparkline } from './Sparkline';

describe('Sparkline', () => {
  it('draws the SLI with the objective and says what it shows', () => {
    render(<Sparkline values={[0.9995, 0.9991, 0.9987]} target={0.999} label="SLI of checkout" />);
    const image = screen.getByRole('img', {
      name: 'SLI of checkout: from 99.95% to 99.87%, below the 99.9% objective in 1 of 3 points',
    });
    expect(image.querySelectorAll('polyline')).toHaveLength(1);
    expect(image.querySelector('line')).toBeInTheDocument();
  });

  it('breaks the line at gaps instead of bridging them', () => {
    render(<Sparkline values={[0.999, 0.998, null, 0.997, 0.999]} target={0.99} label="SLI" />);
    expect(screen.getByRole('img').querySelectorAll('polyline')).toHaveLength(2);
  });

  it('shows a dash when there is no trend to draw', () => {
    render(<Sparkline values={[null, 0.999]} target={0.99} label="SLI of x" />);
    expect(screen.getByRole('img', { name: 'SLI of x: not enough data for a trend' })).toHaveTextContent('—');
  });
});
