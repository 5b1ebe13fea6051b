/** A size given as one number for every spatial axis, or one per axis. */
export type SpatialSize = number | readonly number[];
