export { MaxNorm, MinMaxNorm, NonNeg, UnitNorm, maxNorm, minMaxNorm, nonNeg, unitNorm, getConstraint, serializeConstraint } from './constraints.js';
export type { Constraint, ConstraintIdentifier, MaxNormOptions, MinMaxNormOptions, SerializedConstraint, UnitNormOptions } from './constraints.js';
export { LayerConstraints, applyConstraints, isConstraintHolder, type ConstraintHolder } from './layer-constraints.js';
