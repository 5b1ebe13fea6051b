import { describe, expect, it } from 'vitest';
import { formatBar, formatCount, formatEta, formatLogValue, formatStepTime } from './format.js';

describe('formatLogValue', () => {
  it("shows 4 decimals, or Python's %.4e for magnitudes of 1e-3 and below", () => {
    expect(formatLogValue(0.34121)).toBe('0.3412');
    expect(formatLogValue(12.5)).toBe('12.5000');
    expect(formatLogValue(-0.5)).toBe('-0.5000');
    expect(formatLogValue(0.0011)).toBe('0.0011');
    expect(formatLogValue(0.001)).toBe('1.0000e-03');
    expect(formatLogValue(0.0000123456)).toBe('1.2346e-05');
    expect(formatLogValue(-2.5e-7)).toBe('-2.5000e-07');
    expect(formatLogValue(1e-120)).toBe('1.0000e-120');
    expect(formatLogValue(0)).toBe('0.0000e+00');
  });

  it("spells non-finite values as Python does", () => {
    expect(formatLogValue(Number.NaN)).toBe('nan');
    expect(formatLogValue(Number.POSITIVE_INFINITY)).toBe('inf');
    expect(formatLogValue(Number.NEGATIVE_INFINITY)).toBe('-inf');
  });
});

describe('formatStepTime', () => {
  it('uses s, ms or us per step', () => {
    expect(formatStepTime(0, 'step')).toBe(' 0s/step');
    expect(formatStepTime(2.2, 'step')).toBe(' 2s/step');
    expect(formatStepTime(0.0064, 'step')).toBe(' 6ms/step');
    expect(formatStepTime(0.00005, 'step')).toBe(' 50us/step');
  });
});

describe('formatEta', () => {
  it('uses s, m:ss or h:mm:ss, truncating', () => {
    expect(formatEta(12.9)).toBe('12s');
    expect(formatEta(60)).toBe('60s');
    expect(formatEta(75.5)).toBe('1:15');
    expect(formatEta(3725)).toBe('1:02:05');
  });
});

describe('formatCount and formatBar', () => {
  it('right-aligns the count to the width of the target', () => {
    expect(formatCount(7, 469)).toBe('  7/469');
    expect(formatCount(123, 469)).toBe('123/469');
    expect(formatCount(10, 10)).toBe('10/10');
  });

  it('draws a bar with an arrow head while running and full when done', () => {
    expect(formatBar(0, 10, 10)).toBe('[..........]');
    expect(formatBar(3, 10, 10)).toBe('[==>.......]');
    expect(formatBar(10, 10, 10)).toBe('[==========]');
    expect(formatBar(12, 10, 10)).toBe('[==========]');
  });
});
