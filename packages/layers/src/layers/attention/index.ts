export { Attention, attention, type AttentionArgs } from './attention.js';
export { AdditiveAttention, additiveAttention, type AdditiveAttentionArgs } from './additive-attention.js';
export { MultiHeadAttention, multiHeadAttention, type MultiHeadAttentionArgs, type MultiHeadAttentionCallContext } from './multi-head-attention.js';
export type { AttentionCallContext, AttentionInput } from './attention-inputs.js';
