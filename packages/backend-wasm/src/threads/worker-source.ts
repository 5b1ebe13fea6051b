/**
 * The source of a pool worker, as a string so it needs no file of its own: Node runs it with
 * `new Worker(source, { eval: true })`, browsers from a Blob URL. The worker instantiates the
 * module on the shared memory, then loops: spin on its generation counter for a while, sleep in
 * Atomics.wait when nothing comes, run the calls encoded in its slot, publish completion.
 *
 * Control words (Int32Array `control`, one 16-word line per worker w at w*16):
 *   [0] generation posted by the main thread (-1 = stop)   [1] generation completed
 *   [2] status of the last task: 0 ok, 1 failed
 * Task slot (Float64Array `slots`, SLOT_SIZE words per worker): call count, then per call
 * the function's index in `names`, its argument count, and its arguments.
 */
export const workerSource = String.raw`
'use strict';
function start(init) {
  const { module, memory, control, slots, index, names, slotSize, spinMicros, post } = init;
  let instance;
  try {
    instance = new WebAssembly.Instance(module, { env: { memory } });
  } catch (error) {
    post({ type: 'error', message: String(error && error.message || error) });
    return;
  }
  const fns = names.map((name) => instance.exports[name]);
  const ctl = new Int32Array(control);
  const slot = new Float64Array(slots, index * slotSize * 8, slotSize);
  const G = index * 16, D = G + 1, S = G + 2;
  post({ type: 'ready' });
  let seen = 0;
  for (;;) {
    let gen = Atomics.load(ctl, G);
    if (gen === seen) {
      const t0 = performance.now();
      while ((gen = Atomics.load(ctl, G)) === seen) {
        if ((performance.now() - t0) * 1000 > spinMicros) {
          Atomics.wait(ctl, G, seen);
        }
      }
    }
    if (gen < 0) return;
    seen = gen;
    let status = 0;
    try {
      const count = slot[0];
      let at = 1;
      for (let c = 0; c < count; c++) {
        const fn = fns[slot[at]];
        const n = slot[at + 1];
        const args = [];
        for (let i = 0; i < n; i++) args.push(slot[at + 2 + i]);
        at += 2 + n;
        fn.apply(null, args);
      }
    } catch (error) {
      status = 1;
    }
    Atomics.store(ctl, S, status);
    Atomics.store(ctl, D, gen);
  }
}
if (typeof require === 'function' && typeof self === 'undefined') {
  const { parentPort } = require('worker_threads');
  parentPort.once('message', (init) => start({ ...init, post: (m) => parentPort.postMessage(m) }));
} else {
  self.onmessage = (event) => start({ ...event.data, post: (m) => self.postMessage(m) });
}
`;
