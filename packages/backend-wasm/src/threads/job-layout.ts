/**
 * Layout of the shared words a job travels through (passed to workers, so both sides agree).
 *
 * Control (Int32Array): WAKE changes to wake the workers (-1 stops them); CLAIM holds the job id
 * in its high bits and the next chunk index in its low INDEX_BITS, so one Atomics.add both claims
 * a chunk and says which job it belongs to; DONE counts finished chunks; ERROR is set by a
 * failing chunk.
 *
 * Job data (Float64Array): a header (job id, chunk count, participants P, scratch words per
 * participant S), the P x S scratch table, the offset of each chunk, then each chunk: its call
 * count and per call the export's index, the argument count and the arguments. A negative
 * argument -(k + 1) stands for the running participant's scratch word k.
 */
export const jobLayout = {
  WAKE: 0,
  CLAIM: 16,
  DONE: 32,
  ERROR: 48,
  CONTROL_WORDS: 64,
  INDEX_BITS: 20,
  INDEX_MASK: (1 << 20) - 1,
  H_JOB: 0,
  H_COUNT: 1,
  H_PARTICIPANTS: 2,
  H_SCRATCH: 3,
  HEADER: 4,
  JOB_WORDS: 1 << 16,
} as const;

/** The argument standing for the running participant's scratch word `k`. */
export function scratchArg(k: number): number {
  return -(k + 1);
}
