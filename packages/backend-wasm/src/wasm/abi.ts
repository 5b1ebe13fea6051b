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
  sumColumns(x: number, rows: number, cols: number, stride: number, out: number, acc: number): void;
  binary(op: number, mode: number, a: number, b: number, out: number, n: number, inner: number): void;
  unary(op: number, x: number, y: number, n: number, params: number): void;
  softmaxRows(x: number, y: number, n: number, r0: number, r1: number): void;
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
  depthwiseConv2d(x: number, f: number, y: number, bias: number, act: number, row0: number, row1: number): void;
  depthwiseConv2dBackpropInput(dy: number, f: number, dx: number, n0: number, n1: number): void;
  depthwiseConv2dBackpropFilter(x: number, dy: number, dw: number, row0: number, row1: number): void;
  expandChannels(x: number, xe: number, pixels: number, c: number, m: number): void;
  sumChannelGroups(dxe: number, dx: number, pixels: number, c: number, m: number): void;
  maxPool(x: number, y: number, n0: number, n1: number): void;
  avgPool(x: number, y: number, n0: number, n1: number): void;
  maxPoolGrad(x: number, dy: number, dx: number, n0: number, n1: number): void;
  avgPoolGrad(dy: number, dx: number, scale: number, n0: number, n1: number): void;
  transform(
    x: number, transforms: number, tStride: number, y: number, params: number,
    h: number, w: number, c: number, oh: number, ow: number, interpolation: number, fillMode: number,
    n0: number, n1: number,
  ): void;
}

/** Names of the exports a task may call (everything but the size queries). */
export type WasmCallName = Exclude<keyof WasmExports, 'heapBase' | 'packASize' | 'packBSize'>;

/** Every {@link WasmCallName}, in a fixed order (worker threads receive calls by index). */
export const wasmCallNames: readonly WasmCallName[] = [
  'gemm',
  'gemmStrided',
  'addInto',
  'sumColumns',
  'binary',
  'unary',
  'softmaxRows',
  'setGeometry',
  'conv2d',
  'conv2dBackpropInput',
  'conv2dBackpropFilter',
  'depthwiseConv2d',
  'depthwiseConv2dBackpropInput',
  'depthwiseConv2dBackpropFilter',
  'expandChannels',
  'sumChannelGroups',
  'maxPool',
  'avgPool',
  'maxPoolGrad',
  'avgPoolGrad',
  'transform',
];

/**
 * One call into the module: an export's name and its numeric arguments. Arguments must not be
 * negative: in a thread pool job a negative argument stands for a scratch address (see
 * `scratchArg`); exports taking signed parameters read them from memory instead.
 */
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

/** Binary operation codes of the module's `binary` export (assembly/elementwise.ts). */
export const BinaryOp = { add: 0, sub: 1, mul: 2, div: 3, max: 4, min: 5, squaredDifference: 6 } as const;

/** Operand layouts of the `binary` export. */
export const BinaryMode = { same: 0, scalarA: 1, scalarB: 2, trailingA: 3, trailingB: 4, rowsA: 5, rowsB: 6 } as const;

/** Unary operation codes of the module's `unary` export. */
export const UnaryOp = { relu: 0, step: 1, neg: 2, square: 3, sqrt: 4, abs: 5, clip: 6, exp: 7, log: 8 } as const;

/** Interpolation codes of the module's `transform` export (assembly/transform.ts). */
export const TransformInterpolation = { nearest: 0, bilinear: 1 } as const;

/** Fill modes of the `transform` export (any other code is `constant`). */
export const TransformFillMode = { constant: 0, reflect: 1, wrap: 2, nearest: 3 } as const;
