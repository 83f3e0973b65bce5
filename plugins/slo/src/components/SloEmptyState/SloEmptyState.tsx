import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import {
  SLO_ANNOTATION,
  SLO_OPENSLO_ANNOTATION,
  SLO_TEMPLATES_ANNOTATION,
  type ValidationProblem,
} from '@slo-kit/plugin-slo-common';
import { CopyButton } from './CopyButton';
import { exampleAnnotation } from './exampleAnnotation';
import { EntitySloSuggestions } from './SloSuggestions';

/** Where the annotations are documented. */
export const ANNOTATIONS_DOCS_URL =
  'https://github.com/slo-kit/backstage-slo-plugins/blob/main/docs/annotations.md';

/** Props of {@link SloEmptyState}. */
export interface SloEmptyStateProps {
  /** The entity's `metadata.name`, used in the example. */
  entityName: string;
  /** Validation problems of the entity's SLO annotations. */
  problems: ValidationProblem[];
  /** True when the entity carries an SLO annotation at all. */
  hasAnnotation: boolean;
  /**
   * The entity's ref: when set (and the entity declares no SLO annotation),
   * the SLOs the backend suggests for it are shown first.
   */
  entityRef?: string;
}

/** One validation problem: where (annotation and field path), what, and how to fix it. */
function ProblemItem(props: { problem: ValidationProblem }) {
  const { problem } = props;
  return (
    <Box component="li" data-testid="slo-problem" sx={{ mb: 1 }}>
      <Box component="code" sx={{ fontFamily: 'monospace', fontWeight: 600 }}>
        {problem.annotation}
        {problem.path ? ` ${problem.path}` : ''}
      </Box>
      {': '}
      {problem.message}
      {(problem.found !== undefined || problem.expected !== undefined) && (
        <Typography variant="body2" color="text.secondary" component="div">
          {problem.found !== undefined && (
            <>
              Found <code>{problem.found}</code>
            </>
          )}
          {problem.found !== undefined && problem.expected !== undefined && '; '}
          {problem.expected !== undefined && `expected ${problem.expected}`}.
        </Typography>
      )}
      {problem.didYouMean && (
        <Typography variant="body2" component="div">
          Did you mean <code>{problem.didYouMean}</code>?
        </Typography>
      )}
    </Box>
  );
}

/** Props of {@link SloProblems}. */
export interface SloProblemsProps {
  problems: ValidationProblem[];
}

/** Every validation problem of an entity's SLO annotations, with field paths. */
export function SloProblems(props: SloProblemsProps) {
  const { problems } = props;
  return (
    <Alert severity="error" sx={{ mb: 2 }} data-testid="slo-problems">
      <AlertTitle>
        {problems.length === 1
          ? 'The SLO annotations have 1 problem'
          : `The SLO annotations have ${problems.length} problems`}
      </AlertTitle>
      <Box component="ul" sx={{ pl: 2, m: 0 }}>
        {problems.map(problem => (
          <ProblemItem
            key={`${problem.annotation}|${problem.path}|${problem.message}`}
            problem={problem}
          />
        ))}
      </Box>
      Fix them in the entity's catalog-info.yaml; the catalog picks up the change on its next
      refresh.
    </Alert>
  );
}

/**
 * What to do when an entity has no SLOs to show: the annotations to add with
 * a copyable example, and every validation problem with its field path.
 */
export function SloEmptyState(props: SloEmptyStateProps) {
  const { entityName, problems, hasAnnotation, entityRef } = props;
  const example = exampleAnnotation(entityName);
  return (
    <Box data-testid="slo-empty-state">
      {problems.length > 0 && <SloProblems problems={problems} />}
      {entityRef && !hasAnnotation && <EntitySloSuggestions entityRef={entityRef} />}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2">
          {hasAnnotation ? 'No valid SLOs declared' : 'No SLOs declared for this entity'}
        </Typography>
        <Typography variant="body2" sx={{ mt: 1 }}>
          Declare SLOs with the <code>{SLO_ANNOTATION}</code> annotation in the entity's
          catalog-info.yaml, apply a ready-made SLI template with{' '}
          <code>{SLO_TEMPLATES_ANNOTATION}</code>, or point{' '}
          <code>{SLO_OPENSLO_ANNOTATION}</code> at OpenSLO files.{' '}
          <Link href={ANNOTATIONS_DOCS_URL} target="_blank" rel="noopener noreferrer" underline="always">
            Read about the annotations
          </Link>
          .
        </Typography>
        <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mt: 2 }}>
          <Typography variant="subtitle2" component="h3">
            Example
          </Typography>
          <CopyButton text={example} />
        </Box>
        <Box
          component="pre"
          data-testid="slo-example"
          aria-label="Example SLO annotation"
          tabIndex={0}
          sx={{
            m: 0,
            mt: 1,
            p: 1.5,
            overflowX: 'auto',
            fontSize: 13,
            bgcolor: 'action.hover',
            borderRadius: 1,
          }}
        >
          {example}
        </Box>
      </Paper>
    </Box>
  );
}
