/** Finds an element the page's HTML must have, naming it when it is missing. */
export function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`browser-mnist: the page has no element #${id}`);
  return found as T;
}

/** Shows the ten class probabilities as bars, the most likely highlighted, and returns it. */
export function showPrediction(container: HTMLElement, probabilities: readonly number[]): number {
  const best = probabilities.indexOf(Math.max(...probabilities));
  container.replaceChildren(
    ...probabilities.map((p, digit) => {
      const row = document.createElement('div');
      row.className = digit === best ? 'bar best' : 'bar';
      row.dataset['digit'] = String(digit);
      row.dataset['probability'] = p.toFixed(4);
      const label = document.createElement('span');
      label.textContent = String(digit);
      const fill = document.createElement('i');
      fill.style.width = `${(p * 100).toFixed(1)}%`;
      const value = document.createElement('span');
      value.textContent = `${(p * 100).toFixed(1)}%`;
      row.append(label, fill, value);
      return row;
    }),
  );
  container.dataset['prediction'] = String(best);
  return best;
}

/** A text stream for the progress bar: its lines go to a `<pre>`. */
export function preStream(pre: HTMLElement): { write(text: string): void; isTTY: false } {
  return {
    isTTY: false,
    write(text: string) {
      pre.textContent += text;
      pre.scrollTop = pre.scrollHeight;
    },
  };
}
