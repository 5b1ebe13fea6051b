// Convolution and pooling geometry (NHWC), set once per call by setGeometry before the kernels
// that read it. Each thread has its own module instance, hence its own copy of these globals.

export let gH: i32 = 0;
export let gW: i32 = 0;
export let gC: i32 = 0;
export let gKH: i32 = 0;
export let gKW: i32 = 0;
export let gSH: i32 = 0;
export let gSW: i32 = 0;
export let gDH: i32 = 0;
export let gDW: i32 = 0;
export let gPT: i32 = 0;
export let gPL: i32 = 0;
export let gOH: i32 = 0;
export let gOW: i32 = 0;

/**
 * Records the geometry: input H x W x C, filter KH x KW, strides, dilations, the top and left
 * padding and the output OH x OW.
 */
export function setGeometry(
  H: i32, W: i32, C: i32, KH: i32, KW: i32, SH: i32, SW: i32, DH: i32, DW: i32,
  PT: i32, PL: i32, OH: i32, OW: i32,
): void {
  gH = H; gW = W; gC = C; gKH = KH; gKW = KW; gSH = SH; gSW = SW; gDH = DH; gDW = DW;
  gPT = PT; gPL = PL; gOH = OH; gOW = OW;
}
