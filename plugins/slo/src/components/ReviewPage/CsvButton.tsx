import Button from '@mui/material/Button';
import Download from '@mui/icons-material/Download';
import { downloadText } from '../../download';

/** A button that downloads one of the review's tables as CSV, hidden in print. */
export function CsvButton(props: {
  label: string;
  filename: string;
  testId: string;
  text: () => string;
}) {
  return (
    <Button
      data-review-actions
      data-testid={props.testId}
      size="small"
      variant="outlined"
      startIcon={<Download />}
      onClick={() =>
        downloadText(props.filename, props.text(), 'text/csv;charset=utf-8')
      }
    >
      {props.label}
    </Button>
  );
}
