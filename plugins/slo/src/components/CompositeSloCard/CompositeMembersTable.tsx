import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { RouterLink } from '@backstage/frontend-plugin-api';
import type { CompositeSloStatus } from '@slo-kit/plugin-slo-common';
import { useMemo } from 'react';
import { formatAttainment, formatCount, formatShare, objectiveDecimals } from '../../format';
import { useEntitySloLink } from '../../hooks';
import { horizontalScrollSx, stickyFirstColumnSx } from '../../layout';
import { DATA_STATE_LABELS, memberEntityName, membersByContribution } from '../../status';
import { SloHealthChip } from '../SloHealthChip';

/** Figures line up. */
const NUMBER_CELL = { fontVariantNumeric: 'tabular-nums' } as const;

/** Props of {@link CompositeMembersTable}. */
export interface CompositeMembersTableProps {
  composite: CompositeSloStatus;
}

/** A share as a thin bar beside its figure; the figure carries the meaning. */
function ShareBar(props: { share: number }) {
  return (
    <Box
      aria-hidden
      sx={{ mt: 0.5, height: 6, borderRadius: 1, bgcolor: 'action.hover', overflow: 'hidden' }}
    >
      <Box
        sx={{
          height: '100%',
          width: `${Math.max(0, Math.min(1, props.share)) * 100}%`,
          // The primary colour passes 3:1 against the paper in both themes.
          bgcolor: 'primary.main',
        }}
      />
    </Box>
  );
}

/**
 * Each member's contribution to a composite: its share of the composite's bad
 * events (`events`) or of its weighted shortfall (`weighted`), its own status
 * and attainment, and a link to its entity's SLOs tab. A member whose entity
 * the caller may not read is one row, "another entity", with no link and no
 * figures. Largest share first; the table scrolls sideways at 390 px with the
 * member column fixed.
 */
export function CompositeMembersTable(props: CompositeMembersTableProps) {
  const { composite } = props;
  const sloLink = useEntitySloLink();
  const members = useMemo(() => membersByContribution(composite.members), [composite.members]);
  const weighted = composite.semantics === 'weighted';
  const decimals = objectiveDecimals(composite.objective);
  const title = `Member contributions of ${composite.name}`;
  return (
    <Box component="section" aria-label={title} data-testid="composite-members">
      <Typography variant="subtitle1" component="h3" sx={{ mb: 0.5 }}>
        Member contributions
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {weighted
          ? 'Share of the weighted shortfall: weight × (1 − SLI) of each member over the sum of all members’, in the composite’s window.'
          : 'Share of the bad events: each member’s bad events over all members’ bad events in the composite’s window.'}
      </Typography>
      <Box role="region" tabIndex={0} aria-label={`${title}, table`} sx={horizontalScrollSx}>
        <Table
          size="small"
          aria-label={title}
          sx={[
            {
              tableLayout: 'fixed',
              minWidth: 600,
              '& th, & td': { px: 1 },
              '& td': { overflowWrap: 'break-word' },
            },
            stickyFirstColumnSx,
          ]}
        >
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: '30%' }}>Member</TableCell>
              <TableCell sx={{ width: '18%' }}>Status</TableCell>
              <TableCell align="right" sx={{ width: '16%' }}>
                Attainment
              </TableCell>
              <TableCell align="right" sx={{ width: '16%' }}>
                {weighted ? 'Weight' : 'Bad of all events'}
              </TableCell>
              <TableCell align="right" sx={{ width: '20%' }}>
                {weighted ? 'Share of shortfall' : 'Share of bad events'}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {members.map((member, index) => {
              if (!member.visible) {
                return (
                  // Hidden members have no identity of their own: their place is their key.
                  // eslint-disable-next-line react/no-array-index-key
                  <TableRow key={`hidden-${index}`} data-testid="composite-member" data-member="hidden">
                    <TableCell>
                      <Typography variant="body2" component="div" sx={{ fontStyle: 'italic' }}>
                        {member.label}
                      </Typography>
                      <Typography variant="caption" color="text.secondary" component="div">
                        you may not read it; it counts in the figures
                      </Typography>
                    </TableCell>
                    <TableCell>—</TableCell>
                    <TableCell align="right">—</TableCell>
                    <TableCell align="right">—</TableCell>
                    <TableCell align="right">—</TableCell>
                  </TableRow>
                );
              }
              const link = sloLink(member.entityRef);
              const entityName = memberEntityName(member.entityRef);
              const bad = Math.max(0, member.total - member.good);
              return (
                <TableRow
                  key={`${member.entityRef}/${member.sloName}`}
                  data-testid="composite-member"
                  data-member={`${member.entityRef}/${member.sloName}`}
                >
                  <TableCell>
                    {link ? (
                      <Link component={RouterLink} href={link} data-testid="composite-member-link">
                        {entityName}
                      </Link>
                    ) : (
                      entityName
                    )}
                    <Typography variant="body2" color="text.secondary" component="div">
                      {member.sloName}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <SloHealthChip health={member.health} />
                    {member.dataState !== 'ok' && (
                      <Typography variant="caption" color="text.secondary" component="div">
                        {DATA_STATE_LABELS[member.dataState]}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right" sx={NUMBER_CELL} data-testid="composite-member-sli">
                    {formatAttainment(member.sli, decimals)}
                  </TableCell>
                  <TableCell align="right" sx={NUMBER_CELL}>
                    {weighted ? (
                      `× ${+member.weight.toFixed(3)}`
                    ) : (
                      <>
                        {formatCount(bad)}
                        <Typography variant="caption" color="text.secondary" component="div">
                          of {formatCount(member.total)}
                        </Typography>
                      </>
                    )}
                  </TableCell>
                  <TableCell align="right" sx={NUMBER_CELL} data-testid="composite-member-share">
                    {member.badShare === null ? (
                      <Typography variant="body2" color="text.secondary" component="span">
                        nothing bad
                      </Typography>
                    ) : (
                      <>
                        {formatShare(member.badShare)}
                        <ShareBar share={member.badShare} />
                      </>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}
