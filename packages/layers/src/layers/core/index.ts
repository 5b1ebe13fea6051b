export { Permute, permute, type PermuteArgs } from './permute.js';
export { RepeatVector, repeatVector, type RepeatVectorArgs } from './repeat-vector.js';
export { Lambda, lambda, registerLambdaFunction, registerLambdaMaskFunction, type LambdaArgs, type LambdaFunction, type LambdaMaskFunction } from './lambda.js';
export { Masking, masking, type MaskingArgs } from './masking.js';
export { Embedding, embedding, type EmbeddingArgs } from './embedding.js';
export { PReLU, prelu, type PReLUArgs } from './prelu.js';
export { ELU, elu, type ELUArgs } from './elu.js';
export type { MaskedCallContext } from './mask.js';
