export { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';
export { SpatialDropout1D, spatialDropout1d } from './spatial-dropout1d.js';
export { SpatialDropout2D, spatialDropout2d } from './spatial-dropout2d.js';
export { GaussianNoise, gaussianNoise, type GaussianNoiseArgs } from './gaussian-noise.js';
export { GaussianDropout, gaussianDropout, type GaussianDropoutArgs } from './gaussian-dropout.js';
export { AlphaDropout, alphaDropout, type AlphaDropoutArgs } from './alpha-dropout.js';
export { ActivityRegularization, activityRegularization, type ActivityRegularizationArgs } from './activity-regularization.js';
