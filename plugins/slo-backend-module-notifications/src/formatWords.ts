/** 0.999 → "99.9%". */
export function formatObjective(target: number): string {
  return `${Number((target * 100).toPrecision(6))}%`;
}

/** Epoch seconds → "2025-03-01 00:25 UTC". */
export function formatUtc(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ')} UTC`;
}
