import { describe, expect, it } from 'vitest';
import { checkInteger, checkNumber, invalidArgument, LayerwiseError } from './errors.js';

describe('errors', () => {
  it('names the owner, the argument, what was expected and the value received', () => {
    const error = invalidArgument({ owner: 'Dense "dense"', argument: 'units', expected: 'a positive integer', received: 0 });
    expect(error).toBeInstanceOf(LayerwiseError);
    expect(error.message).toBe('Dense "dense": received an invalid value for `units`, expected a positive integer. Received: units=0');
  });

  it('checkInteger and checkNumber accept good values and reject bad ones', () => {
    expect(checkInteger('f', 'n', 3)).toBe(3);
    expect(() => checkInteger('f', 'n', 1.5)).toThrow('Received: n=1.5');
    expect(() => checkInteger('f', 'n', -1, 0)).toThrow('expected an integer of at least 0');
    expect(checkNumber('f', 'rate', 0.5, { min: 0, max: 1, maxExclusive: true })).toBe(0.5);
    expect(() => checkNumber('f', 'rate', 1, { min: 0, max: 1, maxExclusive: true })).toThrow('expected a number in [0, 1)');
    expect(() => checkNumber('f', 'lr', Number.NaN)).toThrow('Received: lr=null');
    expect(() => checkNumber('f', 'lr', 'fast')).toThrow("Received: lr='fast'");
  });
});
