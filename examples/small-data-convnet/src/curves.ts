/** One run's history: `loss`, `accuracy`, `val_loss`, `val_accuracy` per epoch. */
export type History = Readonly<Record<string, readonly number[]>>;

/** Both runs' curves as CSV: `epoch,run,loss,accuracy,val_loss,val_accuracy`. */
export function historyCsv(runs: Readonly<Record<string, History>>): string {
  const keys = ['loss', 'accuracy', 'val_loss', 'val_accuracy'];
  const lines = [`epoch,run,${keys.join(',')}`];
  for (const [run, history] of Object.entries(runs)) {
    const epochs = history['loss']?.length ?? 0;
    for (let e = 0; e < epochs; e++) lines.push(`${e + 1},${run},${keys.map((k) => history[k]?.[e]?.toFixed(4) ?? '').join(',')}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A text plot of curves in [0, 1] (accuracies) against epochs, `height` rows, one letter per curve
 * (the first letter of each name, upper case where curves overlap is not tracked).
 */
export function textPlot(curves: Readonly<Record<string, readonly number[]>>, height = 11): string {
  const width = Math.max(...Object.values(curves).map((c) => c.length));
  const grid = Array.from({ length: height }, () => Array<string>(width).fill(' '));
  const names = Object.keys(curves);
  names.forEach((name, n) => {
    const mark = String.fromCharCode(97 + n);
    curves[name]!.forEach((v, x) => {
      const row = height - 1 - Math.round(Math.min(Math.max(v, 0), 1) * (height - 1));
      grid[row]![x] = grid[row]![x] === ' ' ? mark : '*';
    });
  });
  const rows = grid.map((r, i) => `${(1 - i / (height - 1)).toFixed(1).padStart(4)} |${r.join('')}`);
  const legend = names.map((name, n) => `${String.fromCharCode(97 + n)} = ${name}`).join(', ');
  return [...rows, `     +${'-'.repeat(width)} epochs`, `     ${legend} (* where they meet)`].join('\n');
}
