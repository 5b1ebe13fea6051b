/**
 * The WebAssembly module's exports, as the TypeScript side calls them. Addresses are byte offsets
 * into the module's memory; leading dimensions and sizes are in floats. Mirrors assembly/index.ts.
 */
export interface WasmExports {
  heapBase(): number;
  packASize(): number;
  packBSize(n: number): number;
  gemm(
    transA: number, transB: number, m: number, n: number, k: number,
    a: number, lda: number, b: number, ldb: number, c: number, ldc: number,
    beta: number, bias: number, act: number, packA: number, packB: number,
  ): void;
  gemmStrided(
    batch: number, strideA: number, strideB: number, strideC: number,
    transA: number, transB: number, m: number, n: number, k: number,
    a: number, lda: number, b: number, ldb: number, c: number, ldc: number,
    beta: number, bias: number, act: number, packA: number, packB: number,
  ): void;
  addInto(dst: number, src: number, n: number): void;
  sumColumns(x: number, rows: number, cols: number, out: number, acc: number): void;
  relu(x: number, y: number, n: number): void;
  step(x: number, y: number, n: number, alpha: number): void;
  setGeometry(
    h: number, w: number, c: number, kh: number, kw: number, sh: number, sw: number,
    dh: number, dw: number, pt: number, pl: number, oh: number, ow: number,
  ): void;
  conv2d(
    x: number, f: number, co: number, y: number, bias: number, act: number,
    row0: number, row1: number, col: number, colRows: number, packA: number, packB: number,
  ): void;
  conv2dBackpropInput(
    dy: number, f: number, co: number, dx: number,
    n0: number, n1: number, col: number, colRows: number, packA: number, packB: number,
  ): void;
  conv2dBackpropFilter(
    x: number, dy: number, co: number, dw: number, beta: number,
    row0: number, row1: number, col: number, colRows: number, packA: number, packB: number,
  ): void;
  maxPool(x: number, y: number, n0: number, n1: number): void;
  avgPool(x: number, y: number, n0: number, n1: number): void;
  maxPoolGrad(x: number, dy: number, dx: number, n0: number, n1: number): void;
  avgPoolGrad(dy: number, dx: number, scale: number, n0: number, n1: number): void;
}

/** Names of the exports a task may call (everything but the size queries). */
export type WasmCallName = Exclude<keyof WasmExports, 'heapBase' | 'packASize' | 'packBSize'>;

/** Every {@link WasmCallName}, in a fixed order (worker threads receive calls by index). */
export const wasmCallNames: readonly WasmCallName[] = [
  'gemm',
  'gemmStrided',
  'addInto',
  'sumColumns',
  'relu',
  'step',
  'setGeometry',
  'conv2d',
  'conv2dBackpropInput',
  'conv2dBackpropFilter',
  'maxPool',
  'avgPool',
  'maxPoolGrad',
  'avgPoolGrad',
];

/** One call into the module: an export's name and its numeric arguments. */
export interface WasmCall {
  readonly fn: WasmCallName;
  readonly args: readonly number[];
}

/** Activation codes understood by the fused GEMM and convolution epilogues. */
export const Activation = { linear: 0, relu: 1, relu6: 2 } as const;

/** The code for a tfjs fused activation name, or undefined when the module cannot fuse it. */
export function activationCode(name: string | undefined | null): number | undefined {
  if (name == null || name === 'linear') return Activation.linear;
  if (name === 'relu') return Activation.relu;
  if (name === 'relu6') return Activation.relu6;
  return undefined;
}
