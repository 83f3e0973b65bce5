import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import type { DataStateExplanation } from '../../status';

/** Props of {@link DataStateNotice}. */
export interface DataStateNoticeProps {
  explanation: DataStateExplanation;
}

/**
 * Why an SLO's figures can't be fully trusted (no data, partial coverage, too
 * little traffic, stale, source error), with the source's own error message.
 */
export function DataStateNotice(props: DataStateNoticeProps) {
  const { explanation } = props;
  return (
    <Alert
      severity={explanation.severity}
      data-testid="slo-data-state"
      data-state={explanation.state}
      sx={{ my: 1 }}
    >
      <AlertTitle>{explanation.title}</AlertTitle>
      {explanation.detail}
      {explanation.sourceError && (
        <Box sx={{ mt: 0.5 }}>
          Source error:{' '}
          <Box
            component="code"
            data-testid="slo-source-error"
            sx={{ fontFamily: 'monospace', wordBreak: 'break-word' }}
          >
            {explanation.sourceError}
          </Box>
        </Box>
      )}
    </Alert>
  );
}
