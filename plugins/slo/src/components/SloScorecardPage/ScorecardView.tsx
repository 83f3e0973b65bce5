import Download from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ScorecardGroup, ScorecardResponse } from '@slo-kit/plugin-slo-common';
import { useMemo, type ReactNode } from 'react';
import { downloadText } from '../../download';
import {
  scorecardQueryToParams,
  type HealthFilter,
  type ScorecardQuery,
} from '../../hooks';
import {
  buildGroupTree,
  filterAndSortSlos,
  groupAncestry,
  groupsToCsv,
  slosToCsv,
  subtree,
  summariseOrg,
  type GroupSortKey,
  type SloSortKey,
} from '../../scorecard';
import { formatBudget } from '../../format';
import { HEALTH_LABELS } from '../../status';
import { ScorecardGroupTable } from '../ScorecardGroupTable';
import { ScorecardSloTable } from '../ScorecardSloTable';
import { ScorecardSummaryStrip } from '../ScorecardSummaryStrip';
import { ScorecardReviewLinks } from '../ReviewLinks';
import { TableScrollRegion } from '../../layout';

/** Props of {@link ScorecardView}. */
export interface ScorecardViewProps {
  response: ScorecardResponse;
  query: ScorecardQuery;
  onChange: (change: Partial<ScorecardQuery>, options?: { replace?: boolean }) => void;
  sloLink: (entityRef: string) => string | undefined;
}

const HEALTH_OPTIONS: Array<{ value: HealthFilter; label: string }> = [
  { value: 'all', label: 'All statuses' },
  { value: 'paging', label: HEALTH_LABELS.paging },
  { value: 'breaching', label: HEALTH_LABELS.breaching },
  { value: 'at-risk', label: HEALTH_LABELS['at-risk'] },
  { value: 'unknown', label: HEALTH_LABELS.unknown },
  { value: 'met', label: HEALTH_LABELS.met },
];

const EMPTY_QUERY: ScorecardQuery = { dir: 'asc', teamDir: 'asc', q: '', health: 'all', page: 0 };

/** The query string of a group's view: a fresh view of that group. */
function groupHref(groupRef?: string): string {
  const params = new URLSearchParams(scorecardQueryToParams({ ...EMPTY_QUERY, group: groupRef }));
  return `?${params}`;
}

/** `group:default/payments` → `payments`, for file names. */
function slug(text: string): string {
  return text.replace(/^.*[:/]/, '').replace(/[^a-z0-9-]+/gi, '-').toLowerCase() || 'scorecard';
}

/** Next sort state when a header is clicked: flip the active column, else ascending. */
function nextSort(current: string | undefined, dir: 'asc' | 'desc', key: string) {
  return current === key ? { key, dir: dir === 'asc' ? ('desc' as const) : ('asc' as const) } : { key, dir: 'asc' as const };
}

function Section(props: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={props.title}
      sx={{ p: { xs: 1.5, lg: 2 }, mb: 3 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h6" component="h2">
          {props.title}
        </Typography>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>{props.actions}</Box>
      </Box>
      <TableScrollRegion title={props.title}>{props.children}</TableScrollRegion>
    </Paper>
  );
}

/**
 * The scorecard for given data and view state: the organisation (summary,
 * teams, all SLOs) or one team (breadcrumbs, summary, sub-teams, its SLOs).
 */
export function ScorecardView(props: ScorecardViewProps) {
  const { response, query, onChange, sloLink } = props;
  const group = query.group
    ? response.groups.find(candidate => candidate.groupRef === query.group)
    : undefined;
  const teamRows = useMemo(() => {
    const groups = query.group ? subtree(response.groups, query.group) : response.groups;
    return buildGroupTree(groups, (query.teamSort as GroupSortKey) || 'group', query.teamSort ? query.teamDir : 'asc');
  }, [response.groups, query.group, query.teamSort, query.teamDir]);
  const sloRows = useMemo(
    () => filterAndSortSlos(response.slos, query),
    [response.slos, query],
  );
  const date = response.now.slice(0, 10);
  const openGroup = (groupRef?: string) => onChange({ ...EMPTY_QUERY, group: groupRef });
  const sortTeams = (key: GroupSortKey) => {
    const next = nextSort(query.teamSort, query.teamDir, key);
    onChange({ teamSort: next.key, teamDir: next.dir });
  };
  const sortSlos = (key: SloSortKey) => {
    const next = nextSort(query.sort, query.dir, key);
    onChange({ sort: next.key, dir: next.dir, page: 0 });
  };

  if (query.group && !group) {
    return (
      <Alert severity="warning" data-testid="scorecard-unknown-group">
        No team <code>{query.group}</code> owns SLOs you can see. It may not exist, own no
        services with SLOs, or be hidden from you.{' '}
        <Link underline="always" href={groupHref()} onClick={event => { event.preventDefault(); openGroup(undefined); }}>
          Back to all teams
        </Link>
      </Alert>
    );
  }

  const summary = group ? groupSummary(group, response) : orgSummary(response, openGroup);
  const showTeams = !group || group.childRefs.length > 0;

  return (
    <Box data-testid="scorecard" sx={{ minWidth: 0 }}>
      {group && (
        <Breadcrumbs aria-label="Teams" sx={{ mb: 1 }}>
          <Link href={groupHref()} onClick={event => { event.preventDefault(); openGroup(undefined); }}>
            All teams
          </Link>
          {groupAncestry(response.groups, group.groupRef).map(ancestor =>
            ancestor.groupRef === group.groupRef ? (
              <Typography key={ancestor.groupRef} color="text.primary" aria-current="page">
                {ancestor.title}
              </Typography>
            ) : (
              <Link
                key={ancestor.groupRef}
                href={groupHref(ancestor.groupRef)}
                onClick={event => { event.preventDefault(); openGroup(ancestor.groupRef); }}
              >
                {ancestor.title}
              </Link>
            ),
          )}
        </Breadcrumbs>
      )}
      <ScorecardSummaryStrip {...summary} />
      <ScorecardReviewLinks groupRef={group?.groupRef} groupTitle={group?.title} />
      {showTeams && (
        <Section
          title={group ? `${group.title} and its sub-teams` : 'Teams'}
          actions={
            <Button
              size="small"
              variant="outlined"
              startIcon={<Download />}
              data-testid="scorecard-teams-csv"
              onClick={() =>
                downloadText(
                  `slo-teams-${slug(group?.groupRef ?? 'organisation')}-${date}.csv`,
                  groupsToCsv(teamRows),
                  'text/csv',
                )
              }
            >
              CSV
            </Button>
          }
        >
          <ScorecardGroupTable
            rows={teamRows}
            sort={query.teamSort}
            dir={query.teamDir}
            onSort={sortTeams}
            groupHref={groupHref}
            onOpenGroup={openGroup}
          />
        </Section>
      )}
      <Section
        title={group ? `Services and SLOs of ${group.title}` : 'All services and SLOs'}
        actions={
          <>
            <TextField
              size="small"
              label="Filter services and SLOs"
              value={query.q}
              onChange={event => onChange({ q: event.target.value, page: 0 }, { replace: true })}
              inputProps={{ 'data-testid': 'scorecard-filter' }}
            />
            <TextField
              select
              size="small"
              label="Status"
              value={query.health}
              onChange={event => onChange({ health: event.target.value as HealthFilter, page: 0 })}
              sx={{ minWidth: 150 }}
              SelectProps={{ inputProps: { 'data-testid': 'scorecard-health-filter' } }}
            >
              {HEALTH_OPTIONS.map(option => (
                <MenuItem key={option.value} value={option.value}>
                  {option.label}
                </MenuItem>
              ))}
            </TextField>
            <Button
              size="small"
              variant="outlined"
              startIcon={<Download />}
              data-testid="scorecard-csv"
              onClick={() =>
                downloadText(
                  `slo-scorecard-${slug(group?.groupRef ?? 'organisation')}-${date}.csv`,
                  slosToCsv(sloRows),
                  'text/csv',
                )
              }
            >
              CSV
            </Button>
          </>
        }
      >
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} aria-live="polite">
          {sloRows.length === response.slos.length
            ? `${sloRows.length} SLOs`
            : `${sloRows.length} of ${response.slos.length} SLOs match the filters`}
        </Typography>
        <ScorecardSloTable
          rows={sloRows}
          page={query.page}
          onPage={page => onChange({ page })}
          sort={query.sort}
          dir={query.dir}
          onSort={sortSlos}
          sloLink={sloLink}
        />
      </Section>
    </Box>
  );
}

function orgSummary(response: ScorecardResponse, openGroup: (ref: string) => void) {
  const summary = summariseOrg(response);
  const worst = summary.worstGroup;
  return {
    scope: 'Organisation',
    figures: summary.figures,
    demo: summary.demo,
    worst: worst && (
      <>
        worst team:{' '}
        {/* Underlined: a link inside a sentence must not rely on colour alone. */}
        <Link
          underline="always"
          href={groupHref(worst.groupRef)}
          onClick={event => {
            event.preventDefault();
            openGroup(worst.groupRef);
          }}
        >
          {worst.title}
        </Link>
      </>
    ),
  };
}

/** A group's strip: its figures as the backend computed them (the same as its row in the teams table). */
function groupSummary(group: ScorecardGroup, response: ScorecardResponse) {
  const { worstBudget } = group;
  return {
    scope: group.title,
    figures: {
      services: group.services,
      slos: group.slos,
      meeting: group.meeting,
      unknown: group.unknown,
      meetingShare: group.meetingShare,
      paging: group.paging,
      trend: group.trend,
      withoutSlos: group.withoutSlos,
    },
    demo: response.slos.some(row => row.demo),
    worst: worstBudget
      ? `worst budget: ${formatBudget(worstBudget.budgetRemaining)}, ${worstBudget.entityTitle || worstBudget.entityRef} · ${worstBudget.name}`
      : undefined,
  };
}
