import { useCallback, useEffect, useState } from 'react';

/**
 * Whether the page is being printed, and a `print` that opens the print
 * dialog once the page is rendered for print: a paged table then prints
 * every row. `printing` is true from `print()` until the dialog is opened,
 * and from the browser's `beforeprint` to its `afterprint`; a print started
 * from the browser's own menu renders the rows after `beforeprint`, which a
 * browser may not wait for, so the page offers its own print button.
 */
export function usePrinting(): { printing: boolean; print: () => void } {
  const [printing, setPrinting] = useState(false);
  const [requested, setRequested] = useState(false);
  useEffect(() => {
    const before = () => setPrinting(true);
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  useEffect(() => {
    if (!requested) return;
    // Rendered with every row by now (effects run after the commit).
    window.print();
    setRequested(false);
  }, [requested]);
  const print = useCallback(() => setRequested(true), []);
  return { printing: printing || requested, print };
}
