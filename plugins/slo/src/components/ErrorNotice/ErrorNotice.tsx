import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { errorMessage } from '../../status';

/** Props of {@link ErrorNotice}. */
export interface ErrorNoticeProps {
  /** What could not be loaded: "Could not load the SLOs of checkout". */
  title: string;
  error: unknown;
  onRetry?: () => void;
}

/** A failed request: what failed, the backend's message, and a retry button. */
export function ErrorNotice(props: ErrorNoticeProps) {
  const { title, error, onRetry } = props;
  return (
    <Alert
      severity="error"
      data-testid="slo-error"
      action={
        onRetry && (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        )
      }
    >
      <AlertTitle>{title}</AlertTitle>
      {errorMessage(error)}
    </Alert>
  );
}
