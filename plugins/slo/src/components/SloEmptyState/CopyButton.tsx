import ContentCopy from '@mui/icons-material/ContentCopy';
import Button from '@mui/material/Button';
import { useState } from 'react';

/**
 * A copy button with feedback; falls back to selecting the text by hand.
 * Its accessible name is its visible label.
 */
export function CopyButton(props: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  let label = props.label ?? 'Copy example';
  if (state === 'copied') {
    label = 'Copied';
  } else if (state === 'failed') {
    label = 'Copy failed: select the text';
  }
  return (
    <Button size="small" startIcon={<ContentCopy />} onClick={copy} aria-live="polite">
      {label}
    </Button>
  );
}
