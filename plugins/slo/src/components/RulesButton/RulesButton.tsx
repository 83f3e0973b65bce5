import Download from '@mui/icons-material/Download';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import { useApi } from '@backstage/frontend-plugin-api';
import { useState } from 'react';
import { sloApiRef } from '../../api';
import { downloadText } from '../../download';
import { errorMessage, statusColors } from '../../status';

/** Props of {@link RulesButton}. */
export interface RulesButtonProps {
  entityRef: string;
  /** Used in the file name: `<entityName>-slo-rules.yaml`. */
  entityName: string;
}

/**
 * Downloads the Prometheus alerting rules that match what the tab shows, so
 * that the portal and the pager agree.
 */
export function RulesButton(props: RulesButtonProps) {
  const { entityRef, entityName } = props;
  const api = useApi(sloApiRef);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const download = async () => {
    setState({ busy: true });
    try {
      const rules = await api.getRules(entityRef);
      downloadText(`${entityName}-slo-rules.yaml`, rules, 'application/yaml');
      setState({ busy: false });
    } catch (error) {
      setState({ busy: false, error: errorMessage(error) });
    }
  };
  return (
    <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
      <Button
        size="small"
        variant="outlined"
        startIcon={<Download />}
        onClick={download}
        disabled={state.busy}
        data-testid="slo-rules-button"
      >
        Prometheus rules
      </Button>
      {state.error && (
        <Typography variant="caption" role="alert" sx={{ color: theme => statusColors(theme, 'error').text }}>
          Could not export the rules: {state.error}
        </Typography>
      )}
    </Box>
  );
}
