/**
 * The source of a pool worker, as a string so it needs no file of its own: Node runs it with
 * `new Worker(source, { eval: true })`, browsers from a Blob URL. The worker instantiates the
 * module on the shared memory and then serves jobs: it waits for the wake word to change
 * (spinning for a while, then sleeping in Atomics.wait), claims chunks of the current job one at a
 * time from the claim word, runs them, and counts them done. See job-layout.ts for the layout.
 */
export const workerSource = String.raw`
'use strict';
function start(init) {
  const { module, memory, control, job, participant, names, spinMicros, layout, post } = init;
  const L = layout;
  let instance;
  try {
    instance = new WebAssembly.Instance(module, { env: { memory } });
  } catch (error) {
    post({ type: 'error', message: String(error && error.message || error) });
    return;
  }
  const fns = names.map((name) => instance.exports[name]);
  const ctl = new Int32Array(control);
  const data = new Float64Array(job);
  post({ type: 'ready' });
  let seen = 0;
  const args = [];
  for (;;) {
    let wake = Atomics.load(ctl, L.WAKE);
    if (wake === seen) {
      const t0 = performance.now();
      while ((wake = Atomics.load(ctl, L.WAKE)) === seen) {
        if ((performance.now() - t0) * 1000 > spinMicros) Atomics.wait(ctl, L.WAKE, seen);
      }
    }
    if (wake < 0) return;
    seen = wake;
    for (;;) {
      const claim = Atomics.add(ctl, L.CLAIM, 1);
      if ((claim >>> L.INDEX_BITS) !== data[L.H_JOB]) break;
      const index = claim & L.INDEX_MASK;
      if (index >= data[L.H_COUNT]) break;
      try {
        const perParticipant = data[L.H_SCRATCH];
        const scratchAt = L.HEADER + participant * perParticipant;
        let at = data[L.HEADER + data[L.H_PARTICIPANTS] * perParticipant + index];
        const calls = data[at++];
        for (let c = 0; c < calls; c++) {
          const fn = fns[data[at]];
          const n = data[at + 1];
          args.length = n;
          for (let i = 0; i < n; i++) {
            const v = data[at + 2 + i];
            args[i] = v < 0 ? data[scratchAt - v - 1] : v;
          }
          at += 2 + n;
          fn.apply(null, args);
        }
      } catch (error) {
        Atomics.store(ctl, L.ERROR, 1);
      }
      Atomics.add(ctl, L.DONE, 1);
    }
  }
}
if (typeof require === 'function' && typeof self === 'undefined') {
  const { parentPort } = require('worker_threads');
  parentPort.once('message', (init) => start({ ...init, post: (m) => parentPort.postMessage(m) }));
} else {
  self.onmessage = (event) => start({ ...event.data, post: (m) => self.postMessage(m) });
}
`;
