import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { AlertEpisode, SloHealth } from '@slo-kit/plugin-slo-common';
import { describeEpisode } from '../../status';
import { SloHealthChip } from '../SloHealthChip';

/** Props of {@link SloCardTitle}. */
export interface SloCardTitleProps {
  health: SloHealth;
  name: string;
  description?: string;
  /** The heading's id: the card is labelled by it. */
  titleId: string;
  /** The alert episode firing now, if any, and the evaluation time it is described at. */
  episode?: { episode: AlertEpisode; at: number };
  timeZone?: string;
}

/**
 * The start of an SLO card's header, plain or composite: the status chip,
 * then the name as the card's heading, its description, and since when it
 * has been alerting ("Since when?": the chip says what, this line since when).
 */
export function SloCardTitle(props: SloCardTitleProps) {
  const { health, name, description, titleId, episode, timeZone } = props;
  return (
    <>
      <SloHealthChip health={health} />
      <Box sx={{ flex: '1 1 320px', minWidth: 0 }}>
        <Typography variant="h6" component="h2" id={titleId} sx={{ lineHeight: 1.3 }}>
          {name}
        </Typography>
        {description && (
          <Typography variant="body2" color="text.secondary">
            {description}
          </Typography>
        )}
        {episode && (
          <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="slo-episode">
            {describeEpisode(episode.episode, episode.at, timeZone)}
          </Typography>
        )}
      </Box>
    </>
  );
}
