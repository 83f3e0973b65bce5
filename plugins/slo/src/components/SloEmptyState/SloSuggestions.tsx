import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import {
  SLO_TEMPLATES_ANNOTATION,
  type EntitySuggestionsResponse,
  type SloSuggestion,
} from '@slo-kit/plugin-slo-common';
import type { ReactNode } from 'react';
import { formatAttainment, formatCount, formatDateTime } from '../../format';
import { useEntitySuggestions } from '../../hooks';
import { CopyButton } from './CopyButton';

/** The annotation as it goes under `metadata.annotations` in catalog-info.yaml. */
export function suggestionAnnotationBlock(annotation: string): string {
  const lines = annotation.split('\n').map(line => `  ${line}`);
  return `${SLO_TEMPLATES_ANNOTATION}: |\n${lines.join('\n')}\n`;
}

function Figure(props: { term: string; children: ReactNode }) {
  return (
    <>
      <Box component="dt" sx={{ color: 'text.secondary' }}>
        {props.term}
      </Box>
      <Box component="dd" sx={{ m: 0, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
        {props.children}
      </Box>
    </>
  );
}

function SuggestionItem(props: { suggestion: SloSuggestion; timeZone?: string }) {
  const { suggestion, timeZone } = props;
  return (
    <Box component="li" data-testid="slo-suggestion" sx={{ mb: 2 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
        {suggestion.template}
      </Typography>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0, mt: 0.5 }}
      >
        <Figure term="Attainment, last 30 days">
          {formatAttainment(suggestion.attainment, 3)}{' '}
          <Box component="span" sx={{ fontWeight: 400 }}>
            ({formatCount(suggestion.good)} good of {formatCount(suggestion.total)} events, to{' '}
            {formatDateTime(suggestion.windowEnd, timeZone)})
          </Box>
        </Figure>
        <Figure term="Suggested objective">{`${suggestion.objective}%`}</Figure>
        <Figure term="Template">
          {suggestion.template}
          {suggestion.family && (
            <Box component="span" sx={{ fontWeight: 400 }}>
              {' '}
              ({suggestion.family}
              {suggestion.templateObjective !== undefined && `, its default objective ${suggestion.templateObjective}%`})
            </Box>
          )}
        </Figure>
      </Box>
    </Box>
  );
}

/** Props of {@link SloSuggestions}. */
export interface SloSuggestionsProps {
  response: EntitySuggestionsResponse;
  /** IANA zone for times; the browser's by default. */
  timeZone?: string;
}

/**
 * Suggested SLOs for a service without any: each template whose metrics have
 * data, the attainment it had over the last 30 days and the objective it
 * met, and the annotation that applies them, ready to copy. Nothing when
 * there are no suggestions.
 */
export function SloSuggestions(props: SloSuggestionsProps) {
  const { response, timeZone } = props;
  if (response.suggestions.length === 0 || !response.annotation) return null;
  const block = suggestionAnnotationBlock(response.annotation);
  const count = response.suggestions.length;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} data-testid="slo-suggestions" component="section" aria-labelledby="slo-suggestions-title">
      <Typography variant="h6" component="h2" id="slo-suggestions-title">
        {count === 1 ? 'A suggested SLO from this service’s metrics' : `${count} suggested SLOs from this service’s metrics`}
      </Typography>
      <Typography variant="body2" sx={{ mt: 1 }}>
        The service met each objective below over the last 30 days, so none of them pages on its first day.
        Add the annotation to the entity’s catalog-info.yaml to start tracking {count === 1 ? 'it' : 'them'}.
      </Typography>
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mt: 2 }}>
        {response.suggestions.map(suggestion => (
          <SuggestionItem key={suggestion.template} suggestion={suggestion} timeZone={timeZone} />
        ))}
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="subtitle2" component="h3">
          Annotation
        </Typography>
        <CopyButton text={block} label="Copy annotation" />
      </Box>
      <Box
        component="pre"
        data-testid="slo-suggestion-annotation"
        aria-label="Suggested SLO annotation"
        tabIndex={0}
        sx={{ m: 0, mt: 1, p: 1.5, overflowX: 'auto', fontSize: 13, bgcolor: 'action.hover', borderRadius: 1 }}
      >
        {block}
      </Box>
    </Paper>
  );
}

/** {@link SloSuggestions} for an entity, loaded from the SLO backend; nothing while loading or on error. */
export function EntitySloSuggestions(props: { entityRef: string; timeZone?: string }) {
  const { value } = useEntitySuggestions(props.entityRef);
  return value ? <SloSuggestions response={value} timeZone={props.timeZone} /> : null;
}
