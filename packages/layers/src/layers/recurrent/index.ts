export { RNNBase, type RNNArgs, type RecurrentCallContext, type RecurrentStepResult } from './rnn-base.js';
export { SimpleRNN, simpleRNN, type SimpleRNNArgs } from './simple-rnn.js';
export { LSTM, lstm, type LSTMArgs } from './lstm.js';
export { GRU, gru, type GRUArgs } from './gru.js';
export { Bidirectional, bidirectional, type BidirectionalArgs, type MergeMode } from './bidirectional.js';
export { TimeDistributed, timeDistributed, type TimeDistributedArgs } from './time-distributed.js';
