// The one parser of the number fields (Requirements and the add-target form): a number with its
// usual unit or currency sign is read; another unit is refused, naming the field's unit.
import { describe, expect, it } from 'vitest';
import { parseQuantity, quantityValue } from '../../../renderer/format/quantity';

const value = (text: string, unit: Parameters<typeof parseQuantity>[1]) => parseQuantity(text, unit, 'It');
const message = (text: string, unit: Parameters<typeof parseQuantity>[1], what = 'Memory') => {
  const q = parseQuantity(text, unit, what);
  return q.kind === 'refused' ? q.message : `not refused: ${JSON.stringify(q)}`;
};

describe('parseQuantity', () => {
  it('reads a plain number, and empty as nothing', () => {
    expect(value('128', 'GB')).toEqual({ kind: 'number', value: 128 });
    expect(value(' 0.5 ', 'GB')).toEqual({ kind: 'number', value: 0.5 });
    expect(value('.5', 'USD')).toEqual({ kind: 'number', value: 0.5 });
    expect(value('1e3', 'minutes')).toEqual({ kind: 'number', value: 1000 });
    expect(value('-2', 'cores')).toEqual({ kind: 'number', value: -2 });
    expect(value('   ', 'GB')).toEqual({ kind: 'empty' });
  });

  it('reads sizes written with GB, with or without a space, and thousands separators', () => {
    for (const [text, n] of [
      ['128GB', 128],
      ['128 GB', 128],
      ['24 gb', 24],
      ['1,024 GB', 1024],
      ['1,024', 1024],
      ['12,345.5 GB', 12345.5],
    ] as const)
      expect(value(text, 'GB'), text).toEqual({ kind: 'number', value: n });
  });

  it('reads money with its dollar sign or USD, and hourly rates per hour', () => {
    for (const text of ['$32.77', '$ 32.77', '32.77 USD', '32.77usd', '32.77$', 'US$32.77'])
      expect(value(text, 'USD'), text).toEqual({ kind: 'number', value: 32.77 });
    for (const text of ['$1.006/h', '1.006 USD/h', '$1.006 per hour', '1.006 $/h', '1.006/hr', '$1.006', '1.006'])
      expect(value(text, 'USD/h'), text).toEqual({ kind: 'number', value: 1.006 });
  });

  it('reads minutes, cores and counts with their words', () => {
    expect(value('180 min', 'minutes')).toEqual({ kind: 'number', value: 180 });
    expect(value('180 minutes', 'minutes')).toEqual({ kind: 'number', value: 180 });
    expect(value('4 cores', 'cores')).toEqual({ kind: 'number', value: 4 });
    expect(value('8 vCPUs', 'cores')).toEqual({ kind: 'number', value: 8 });
    expect(value('2x', 'count')).toEqual({ kind: 'number', value: 2 });
    expect(value('2 GPUs', 'count')).toEqual({ kind: 'number', value: 2 });
  });

  it('refuses another size unit, naming GB and what the size is in GB', () => {
    expect(message('128 GiB', 'GB')).toBe('Memory is in GB; "128 GiB" is not GB (128 GiB is 137.4 GB)');
    expect(message('4 TB', 'GB')).toBe('Memory is in GB; "4 TB" is not GB (4 TB is 4,000 GB)');
    expect(message('512MB', 'GB')).toBe('Memory is in GB; "512MB" is not GB (512MB is 0.5 GB)');
    expect(message('16Gi', 'GB')).toBe('Memory is in GB; "16Gi" is not GB (16Gi is 17.2 GB)');
    expect(message('128G', 'GB')).toBe('Memory is in GB; "128G" is not GB: write the number of GB (10^9 bytes)');
    expect(message('16 cores', 'GB')).toBe('Memory is in GB; "16 cores" is not GB');
    expect(message('$32', 'GB')).toBe('Memory is in GB; "$32" is not GB');
  });

  it('refuses another currency or period, and other units in the other fields', () => {
    expect(message('€30', 'USD', 'Max cost')).toBe('Max cost is in USD; "€30" is not USD');
    expect(message('30 EUR', 'USD', 'Max cost')).toBe('Max cost is in USD; "30 EUR" is not USD');
    expect(message('$1/h', 'USD', 'Max cost')).toBe('Max cost is in USD; "$1/h" is not USD');
    expect(message('$30/month', 'USD/h', 'Hourly rate')).toBe(
      'Hourly rate is in USD per hour; "$30/month" is not USD per hour',
    );
    expect(message('3 h', 'minutes', 'Max runtime')).toBe(
      'Max runtime is in minutes; "3 h" is not minutes (3 h is 180 minutes)',
    );
    expect(message('3800m', 'cores', 'CPU')).toBe('CPU is in cores; "3800m" is not cores');
    expect(message('24 GB', 'count', 'GPU count')).toBe('GPU count is a plain number; "24 GB" is not');
  });

  it('leaves what is no quantity as typed, for the schema to name', () => {
    expect(value('lots', 'GB')).toEqual({ kind: 'text', text: 'lots' });
    expect(value('1,5', 'GB')).toEqual({ kind: 'text', text: '1,5' });
    expect(value('12 3', 'GB')).toEqual({ kind: 'text', text: '12 3' });
  });

  it('gives the value a field writes: a number, nothing, or the text as typed', () => {
    expect(quantityValue(value('128 GB', 'GB'), '128 GB')).toBe(128);
    expect(quantityValue(value('', 'GB'), '')).toBeUndefined();
    expect(quantityValue(value('4 TB', 'GB'), ' 4 TB ')).toBe('4 TB');
    expect(quantityValue(value('lots', 'GB'), 'lots')).toBe('lots');
  });
});
