import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../../../shared/fleet/quantity.js';

describe('parseQuantity', () => {
  it('reads CPU in cores, millicores exactly', () => {
    expect(parseQuantity('4')).toBe(4);
    expect(parseQuantity('3800m')).toBe(3.8);
    expect(parseQuantity('1900m')).toBe(1.9);
    expect(parseQuantity('95690m')).toBe(95.69);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('100u')).toBe(0.0001);
    expect(parseQuantity('250n')).toBe(2.5e-7);
  });

  it('reads binary suffixes as powers of two', () => {
    expect(parseQuantity('15896488Ki')).toBe(15896488 * 1024);
    expect(parseQuantity('123Mi')).toBe(128974848);
    expect(parseQuantity('16Gi')).toBe(17179869184);
    expect(parseQuantity('1Ti')).toBe(1099511627776);
    expect(parseQuantity('2Pi')).toBe(2 * 2 ** 50);
    expect(parseQuantity('1Ei')).toBe(2 ** 60);
    expect(parseQuantity('1.5Gi')).toBe(1610612736);
  });

  it('reads decimal suffixes and plain bytes', () => {
    expect(parseQuantity('128974848')).toBe(128974848);
    expect(parseQuantity('119716326407')).toBe(119716326407);
    expect(parseQuantity('1k')).toBe(1000);
    expect(parseQuantity('1M')).toBe(1e6);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('1T')).toBe(1e12);
    expect(parseQuantity('1.5T')).toBe(1.5e12);
    expect(parseQuantity('2P')).toBe(2e15);
    // A lone E is exa; followed by digits it is an exponent.
    expect(parseQuantity('1E')).toBe(1e18);
    expect(parseQuantity('1E3')).toBe(1000);
  });

  it('reads decimal exponents, signed or not', () => {
    expect(parseQuantity('129e6')).toBe(129000000);
    expect(parseQuantity('129e+6')).toBe(129000000);
    expect(parseQuantity('38e-1')).toBe(3.8);
    expect(parseQuantity('1.5e3')).toBe(1500);
  });

  it('reads every number form of the grammar', () => {
    expect(parseQuantity('.5')).toBe(0.5);
    expect(parseQuantity('5.')).toBe(5);
    expect(parseQuantity('+2Gi')).toBe(2 * 2 ** 30);
    expect(parseQuantity('-1')).toBe(-1);
    expect(parseQuantity('0')).toBe(0);
  });

  it('rejects what is not a quantity', () => {
    for (const bad of [
      '',
      'lots',
      '16 Gi',
      ' 16Gi',
      '16gi',
      '16GB',
      '16KI',
      '1e',
      '1e1.5',
      'Gi',
      '.',
      '1..2',
      '0x10',
      '1_000',
      'Infinity',
      '1e400',
      '9'.repeat(65),
    ])
      expect(parseQuantity(bad), bad).toBeNull();
  });
});
