import { useBackend } from '@layerwise/core';
import { beforeAll, describe, it } from 'vitest';
import type { Layer } from '../engine/layer.js';
import { checkOracleCase, loadOracleCases } from './convolutional/fixture-oracle.js';
import { dense, type DenseArgs } from './dense.js';
import { bidirectional, lstm, timeDistributed, type LSTMArgs } from './recurrent/index.js';

beforeAll(() => useBackend('cpu'));

const make: Record<string, (args: never) => Layer> = {
  Dense: (args: DenseArgs) => dense(args),
  TimeDistributed: ({ layer }: { layer: DenseArgs }) => timeDistributed({ layer: dense(layer) }),
  Bidirectional: (args: LSTMArgs) => bidirectional({ layer: lstm(args) }),
};

describe('Dense, TimeDistributed(Dense) and Bidirectional(LSTM) against PyTorch (fixtures/generate_dense.py)', () => {
  for (const c of loadOracleCases('dense.json')) {
    it(`${c.layer}: ${c.name}: output and gradients of x and every weight`, () => checkOracleCase(c, make[c.layer]!));
  }
});
