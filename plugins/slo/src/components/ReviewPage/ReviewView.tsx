import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import GlobalStyles from '@mui/material/GlobalStyles';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import type {
  ReliabilityReviewResponse,
  ReviewPeriodUnit,
  SloPeriodVerdict,
  TargetStatus,
} from '@slo-kit/plugin-slo-common';
import { useMemo, useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatAttainment, formatShare } from '../../format';
import { stickyFirstColumnSx, TableScrollRegion } from '../../layout';
import { usePrinting } from '../../hooks';
import { sloKind } from '../../status';
import {
  filteredSlos,
  gridCsv,
  teamsCsv,
  type ReviewFilters,
} from '../../review/reviewTables';
import { CsvButton } from './CsvButton';
import { ReviewRanking } from './ReviewRanking';
import { figuresTableSx, teamsTableSx } from './reviewTableSx';
import { formatHours, PERIOD_WORDS } from './reviewWords';

/** What the page asks the backend for, and filters on the answer. */
export interface ReviewQuery extends ReviewFilters {
  period: ReviewPeriodUnit;
  count: number;
}

/** Props of {@link ReviewView}. */
export interface ReviewViewProps {
  review: ReliabilityReviewResponse;
  query: ReviewQuery;
  onChange: (query: Partial<ReviewQuery>) => void;
}

/**
 * SLO rows per page of the grid: a group of 300 services has 900 SLOs, too
 * many to draw at once without blocking the page (a printed report and the
 * CSV have every row).
 */
export const GRID_ROWS_PER_PAGE = 50;

/** Mark and words of each verdict: the history chips' language. */
const VERDICTS: Record<SloPeriodVerdict, { mark: string; words: string }> = {
  met: { mark: '✓', words: 'met' },
  missed: { mark: '✗', words: 'missed' },
  'low-traffic': { mark: '', words: 'too little traffic' },
  'no-data': { mark: '', words: 'no data' },
};

const TARGET_WORDS: Record<TargetStatus, string> = {
  met: 'met',
  missed: 'missed',
  'on-track': 'on track',
  'at-risk': 'at risk',
  'no-data': 'no data',
};

/** A select that shows its "All …" option and keeps its label above it. */
const allOptionProps = {
  SelectProps: { displayEmpty: true },
  InputLabelProps: { shrink: true },
} as const;

/**
 * The reliability review: teams' share of SLOs met per period (a line chart
 * and a table), the SLO × period grid, the most-missed ranking, targets with
 * their forecast, CSV of every table and a print stylesheet.
 */
export function ReviewView(props: ReviewViewProps) {
  const { review, query, onChange } = props;
  const theme = useTheme();
  const slos = useMemo(() => filteredSlos(review, query), [review, query]);
  const reviewed = useMemo(() => slos.map(s => s.slo), [slos]);
  const [page, setGridPage] = useState(0);
  // A filter that leaves fewer pages shows the last one.
  const gridPage = Math.min(
    page,
    Math.max(0, Math.ceil(slos.length / GRID_ROWS_PER_PAGE) - 1),
  );
  // A printed report has every row.
  const { printing, print } = usePrinting();
  const gridRows = printing
    ? slos
    : slos.slice(
        gridPage * GRID_ROWS_PER_PAGE,
        (gridPage + 1) * GRID_ROWS_PER_PAGE,
      );
  const teams = query.team
    ? review.teams.filter(t => t.groupRef === query.team)
    : review.teams;
  const shownTeams = teams.filter(t => t.sloIndexes.length > 0);
  const systems = [
    ...new Set(review.slos.map(s => s.system).filter((s): s is string => !!s)),
  ].sort();
  const labels = [
    ...new Set(
      review.slos.flatMap(s =>
        Object.entries(s.labels).map(([k, v]) => `${k}=${v}`),
      ),
    ),
  ].sort();
  const palette = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success.dark,
    theme.palette.warning.dark,
    theme.palette.error.dark,
    theme.palette.info.dark,
  ];
  const chartData = review.periods.map((period, i) => {
    const point: Record<string, string | number | null> = {
      label: period.label,
    };
    for (const team of shownTeams) {
      const share = team.periods[i]?.shareMet;
      point[team.title] =
        share === null || share === undefined
          ? null
          : Math.round(share * 1000) / 10;
    }
    return point;
  });
  const titleOf = (groupRef: string) =>
    review.teams.find(t => t.groupRef === groupRef)?.title ?? groupRef;
  // A group's review holds that group and its sub-teams only.
  const everyone = review.groupRef ? titleOf(review.groupRef) : 'Organisation';
  const scope = query.team ? titleOf(query.team) : everyone;
  const stamp = review.now.slice(0, 10);

  return (
    <Box>
      <GlobalStyles
        styles={{
          '@media print': {
            'header, nav, [data-review-controls], [data-review-actions]': {
              display: 'none !important',
            },
            '[data-review-section]': { breakInside: 'avoid' },
            body: { background: '#fff', color: '#000' },
            table: { fontSize: '10pt' },
          },
        }}
      />
      <Typography variant="h4" component="h1">
        Reliability review
      </Typography>
      <Typography data-testid="review-scope" sx={{ mb: 2 }}>
        {scope} · last {review.periods.length} {PERIOD_WORDS[review.period]} (
        {review.periods[0]?.label} to{' '}
        {review.periods[review.periods.length - 1]?.label}, {review.timeZone}) ·{' '}
        {slos.length} SLOs · as of {review.now.replace('T', ' ').slice(0, 16)}{' '}
        UTC
      </Typography>

      <Box
        data-review-controls
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2 }}
      >
        <TextField
          select
          size="small"
          label="Period"
          value={query.period}
          onChange={e => {
            const period = e.target.value as ReviewPeriodUnit;
            onChange({ period, count: period === 'quarter' ? 4 : 12 });
          }}
        >
          <MenuItem value="quarter">Quarters (last 4)</MenuItem>
          <MenuItem value="month">Months (last 12)</MenuItem>
        </TextField>
        <TextField
          select
          size="small"
          label="Team"
          {...allOptionProps}
          value={query.team ?? ''}
          onChange={e => onChange({ team: e.target.value || undefined })}
          sx={{ minWidth: 180 }}
        >
          <MenuItem value="">
            {review.groupRef ? `All of ${everyone}` : 'All teams'}
          </MenuItem>
          {review.teams.map(team => (
            <MenuItem key={team.groupRef} value={team.groupRef}>
              {team.title}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="System"
          {...allOptionProps}
          value={query.system ?? ''}
          onChange={e => onChange({ system: e.target.value || undefined })}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="">All systems</MenuItem>
          {systems.map(system => (
            <MenuItem key={system} value={system}>
              {system.replace(/^system:default\//, '')}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Label"
          {...allOptionProps}
          value={query.label ?? ''}
          onChange={e => onChange({ label: e.target.value || undefined })}
          sx={{ minWidth: 140 }}
        >
          <MenuItem value="">Any label</MenuItem>
          {labels.map(label => (
            <MenuItem key={label} value={label}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        <Button
          data-review-actions
          variant="outlined"
          onClick={print}
        >
          Print report
        </Button>
      </Box>

      {review.problems.length > 0 && (
        <Box
          role="alert"
          sx={{
            mb: 2,
            p: 1.5,
            border: 1,
            borderColor: 'warning.main',
            borderRadius: 1,
          }}
        >
          <Typography variant="subtitle2">
            Problems in reliability targets
          </Typography>
          <ul>
            {review.problems.map((problem, i) => (
              <li key={i}>
                {problem.entityRef} {problem.annotation} {problem.path}:{' '}
                {problem.message}
              </li>
            ))}
          </ul>
        </Box>
      )}

      <Box
        component="section"
        data-review-section
        aria-labelledby="review-targets"
        sx={{ mb: 3 }}
      >
        <Typography id="review-targets" variant="h6" component="h2">
          Targets
        </Typography>
        {shownTeams.every(t => t.targets.length === 0) ? (
          <Typography>
            No team declares a reliability target. Add the annotation
            slo-kit.dev/reliability-targets to a Group, e.g.
            <code>
              {' '}
              - {'{'}name: quarterly, share: 95, period: quarter{'}'}
            </code>
            .
          </Typography>
        ) : (
          <ul data-testid="review-targets">
            {shownTeams.flatMap(team =>
              team.targets.map(target => {
                const current = target.periods[target.periods.length - 1];
                return (
                  <li key={`${team.groupRef} ${target.name}`}>
                    <strong>{team.title}</strong>: {target.name} —{' '}
                    {formatShare(target.share)} of SLOs met per {target.period}
                    {Object.keys(target.labels).length > 0 &&
                      ` (${Object.entries(target.labels)
                        .map(([k, v]) => `${k}=${v}`)
                        .join(', ')})`}
                    {target.periods.length === 0
                      ? ` · reviewed by ${review.period}: switch the period to ${target.period} to see its progress`
                      : ` · ${target.periods
                          .map(
                            p =>
                              `${p.label}: ${formatShare(p.shareMet)} ${
                                TARGET_WORDS[p.status]
                              }`,
                          )
                          .join(' · ')}`}
                    {current && target.current && (
                      <strong data-testid="target-forecast">
                        {' '}
                        · {current.label} so far: {TARGET_WORDS[target.current]}
                      </strong>
                    )}
                  </li>
                );
              }),
            )}
          </ul>
        )}
      </Box>

      <Box
        component="section"
        data-review-section
        aria-labelledby="review-teams"
        sx={{ mb: 3 }}
      >
        <Typography id="review-teams" variant="h6" component="h2">
          Share of SLOs met per {review.period}, by team
        </Typography>
        <Box
          role="img"
          aria-label={`Share of SLOs met per ${review.period} by team; the table below has every figure.`}
          sx={{ height: 260 }}
        >
          <ResponsiveContainer width="100%" height="100%">
            <LineChart
              data={chartData}
              margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" stroke={theme.palette.text.secondary} />
              <YAxis
                unit="%"
                domain={[0, 100]}
                stroke={theme.palette.text.secondary}
              />
              <Tooltip
                contentStyle={{
                  background: theme.palette.background.paper,
                  color: theme.palette.text.primary,
                }}
                formatter={value =>
                  `${String(value)}% of SLOs with a verdict met`
                }
              />
              <Legend />
              {shownTeams.map((team, i) => (
                <Line
                  key={team.groupRef}
                  dataKey={team.title}
                  stroke={palette[i % palette.length]}
                  strokeWidth={2}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </Box>
        <CsvButton
          label="Teams CSV"
          testId="review-teams-csv"
          filename={`slo-review-teams-${stamp}.csv`}
          text={() => teamsCsv(review)}
        />
        <TableScrollRegion title="Teams by period">
          <Table
            size="small"
            aria-labelledby="review-teams"
            data-testid="review-teams"
            sx={[teamsTableSx, stickyFirstColumnSx]}
          >
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">
                  Team
                </TableCell>
                {review.periods.map(p => (
                  <TableCell key={p.label} component="th" scope="col">
                    {p.label}
                    {p.current ? ' (so far)' : ''}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {shownTeams.map(team => (
                <TableRow key={team.groupRef}>
                  <TableCell component="th" scope="row">
                    {team.title}
                  </TableCell>
                  {team.periods.map(p => (
                    <TableCell key={p.label}>
                      {formatShare(p.shareMet)} met ({p.met} of{' '}
                      {p.met + p.missed})
                      <br />
                      {p.overspent} overspent · {p.episodes} episodes ·{' '}
                      {formatHours(
                        p.pageMinutes === null ? null : p.pageMinutes / 60,
                      )}{' '}
                      paging
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScrollRegion>
      </Box>

      <Box
        component="section"
        data-review-section
        aria-labelledby="review-ranking"
        sx={{ mb: 3 }}
      >
        <ReviewRanking
          slos={reviewed}
          period={review.period}
          csvFilename={`slo-review-ranking-${stamp}.csv`}
        />
      </Box>

      <Box
        component="section"
        data-review-section
        aria-labelledby="review-grid"
        sx={{ mb: 3 }}
      >
        <Typography id="review-grid" variant="h6" component="h2">
          SLOs by {review.period}
        </Typography>
        <CsvButton
          label="Grid CSV"
          testId="review-grid-csv"
          filename={`slo-review-grid-${stamp}.csv`}
          text={() => gridCsv(review, reviewed)}
        />
        <TableScrollRegion title={`SLOs by ${review.period}`}>
          <Table
            size="small"
            aria-labelledby="review-grid"
            data-testid="review-grid"
            sx={[figuresTableSx, stickyFirstColumnSx]}
          >
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">
                  SLO
                </TableCell>
                {review.periods.map(p => (
                  <TableCell key={p.label} component="th" scope="col">
                    {p.label}
                    {p.current ? ' (so far)' : ''}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {gridRows.map(({ slo }) => (
                <TableRow
                  key={`${slo.entityRef}/${slo.name}`}
                  data-testid="review-grid-row"
                >
                  <TableCell component="th" scope="row">
                    {slo.entityTitle} / {slo.name}
                    {slo.composite && ` (${sloKind(slo.composite)})`}
                  </TableCell>
                  {slo.periods.map(p => {
                    const verdict = VERDICTS[p.verdict];
                    return (
                      <TableCell
                        key={p.label}
                        data-verdict={p.verdict}
                        title={p.approximateReason}
                      >
                        {verdict.mark}{' '}
                        {p.sli === null
                          ? verdict.words
                          : `${formatAttainment(p.sli)} ${verdict.words}`}
                        {!p.exact && ' (approximate)'}
                        {p.episodes.length > 0 && (
                          <>
                            <br />
                            {p.episodes.length} episode
                            {p.episodes.length > 1 ? 's' : ''}
                          </>
                        )}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScrollRegion>
        {slos.length > GRID_ROWS_PER_PAGE && (
          <TablePagination
            component="div"
            count={slos.length}
            page={gridPage}
            rowsPerPage={GRID_ROWS_PER_PAGE}
            rowsPerPageOptions={[GRID_ROWS_PER_PAGE]}
            onPageChange={(_event, next) => setGridPage(next)}
            data-review-controls
          />
        )}
      </Box>
    </Box>
  );
}
