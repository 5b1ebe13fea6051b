const BARS = '▁▂▃▄▅▆▇█';

/**
 * A one-line chart of values in block characters (`▇▅▃▂▁`), scaled to their own range; values that
 * are not finite are shown as spaces, a constant series as a flat line.
 */
export function sparkline(values: readonly number[]): string {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const span = Math.max(...finite) - lo;
  return values
    .map((v) => (Number.isFinite(v) ? BARS[span > 0 ? Math.round(((v - lo) / span) * (BARS.length - 1)) : 0] : ' '))
    .join('');
}
