/** Options of writing a whole model in one of the formats. */
export interface FormatSaveOptions {
  /** Also save the optimizer's state (slots, iteration count) so that training resumes exactly. Default true. */
  readonly includeOptimizer?: boolean;
}

/** Options of reading a whole model in one of the formats. */
export interface FormatLoadOptions {
  /** Compile the model as it was saved (and restore the optimizer's state when saved). Default true. */
  readonly compile?: boolean;
}
