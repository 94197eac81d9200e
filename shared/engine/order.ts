// The ranking's order without a comparator (issue 14): a stable radix sort of the scores, best
// first, equal scores in their given order — what `sort((a, b) => s[b] - s[a] || a - b)` gives,
// without calling a function per comparison. A catalog ranks tens of thousands of eligible targets.

const LITTLE_ENDIAN = new Uint32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000;
/** Below this many scores an insertion sort is quicker than the radix passes start. */
const RADIX_FROM = 64;
const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;

/** Whether any value is NaN: a loop, as `values.some(Number.isNaN)` boxes every number it passes. */
function hasNaN(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) return true;
  return false;
}

function identity(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

// Working arrays, reused across sorts (a compare sorts once per strategy) and grown as needed.
let capacity = 0;
let hiOf = new Uint32Array(0);
let loOf = new Uint32Array(0);
let keysA = new Uint32Array(0);
let keysB = new Uint32Array(0);
let orderB = new Int32Array(0);
const counts = new Int32Array(DIGITS + 1);

function reserve(n: number): void {
  if (n <= capacity) return;
  capacity = Math.max(n, capacity * 2);
  hiOf = new Uint32Array(capacity);
  loOf = new Uint32Array(capacity);
  keysA = new Uint32Array(capacity);
  keysB = new Uint32Array(capacity);
  orderB = new Int32Array(capacity);
}

/**
 * The positions in `start`'s order (every position 0..n-1 once), sorted by `values`, highest first,
 * equal values kept in `start`'s order. Each score's 64 bits become two unsigned words that sort
 * ascending in descending order of score; an LSD radix sort (11 bits a pass, each pass stable, the
 * keys moved with the positions) orders by the high word, and runs whose high words are equal are
 * then ordered by the low word, which is rarely needed: equal high words are almost always equal
 * scores.
 */
function radixDescending(values: Float64Array, start: Int32Array): Int32Array {
  const n = values.length;
  reserve(n);
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1]!;
    const lo = words[2 * i]!;
    // Ascending order of the numbers is: negatives with every bit flipped, positives with the sign
    // set; flipped once more, ascending order of the keys is descending order of the numbers. -0
    // is taken as 0.
    if (hi >>> 31 === 1 && (hi !== 0x80000000 || lo !== 0)) {
      hiOf[i] = hi;
      loOf[i] = lo;
    } else {
      hiOf[i] = ~(hi | 0x80000000) >>> 0;
      loOf[i] = hi >>> 31 === 1 ? 0xffffffff : ~lo >>> 0;
    }
  }
  const result = Int32Array.from(start);
  let order = result;
  let nextOrder = orderB;
  let keys = keysA;
  let nextKeys = keysB;
  for (let j = 0; j < n; j++) keys[j] = hiOf[order[j]!]!;
  for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
    counts.fill(0);
    for (let j = 0; j < n; j++) counts[((keys[j]! >>> shift) & (DIGITS - 1)) + 1]!++;
    if (counts.includes(n)) continue; // every key has the same digit: nothing moves
    for (let d = 1; d <= DIGITS; d++) counts[d]! += counts[d - 1]!;
    for (let j = 0; j < n; j++) {
      const key = keys[j]!;
      const to = counts[(key >>> shift) & (DIGITS - 1)]!++;
      nextOrder[to] = order[j]!;
      nextKeys[to] = key;
    }
    [order, nextOrder] = [nextOrder, order];
    [keys, nextKeys] = [nextKeys, keys];
  }
  if (order !== result) result.set(order.subarray(0, n));
  // Runs of equal high words: ordered by the low word where it differs (a stable sort keeps ties).
  for (let from = 0; from < n;) {
    let to = from + 1;
    let same = true;
    const lo = loOf[result[from]!]!;
    for (; to < n && keys[to] === keys[from]; to++) if (loOf[result[to]!] !== lo) same = false;
    if (same) {
      // The usual run: equal scores, nothing to do.
    } else if (to - from <= 16) {
      // A short run (scores a hair apart): sorted in place, by insertion, which is stable.
      for (let i = from + 1; i < to; i++) {
        const p = result[i]!;
        const key = loOf[p]!;
        let j = i - 1;
        while (j >= from && loOf[result[j]!]! > key) {
          result[j + 1] = result[j]!;
          j--;
        }
        result[j + 1] = p;
      }
    } else
      result.set(
        [...result.subarray(from, to)].sort((a, b) => loOf[a]! - loOf[b]!),
        from,
      );
    from = to;
  }
  return result;
}

/**
 * Positions 0..n-1 ordered by `values`, highest first, ties in position order (a stable sort).
 * -0 ranks as 0; NaN (never a score) falls back to the comparator's order.
 */
export function descendingOrder(values: Float64Array): Int32Array {
  const n = values.length;
  const order = identity(n);
  if (n < 2) return order;
  if (!LITTLE_ENDIAN || hasNaN(values)) {
    return Int32Array.from([...order].sort((a, b) => values[b]! - values[a]! || a - b));
  }
  if (n >= RADIX_FROM) return radixDescending(values, order);
  // A short list (the usual eligible set of a small fleet): by insertion, in place, which is stable.
  for (let i = 1; i < n; i++) {
    const v = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[order[j]!]! < v) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = i;
  }
  return order;
}

/**
 * `descendingOrder`, with each run of equal scores ordered by `tie` (a comparator on positions),
 * stably: the order of `sort((a, b) => s[b] - s[a] || tie(a, b))`. `tieOrder`, when given, is every
 * position sorted by `tie` (stably): the radix sort then starts from it and needs no comparator.
 */
export function rankOrder(
  values: Float64Array,
  tie: ((a: number, b: number) => number) | null,
  tieOrder: Int32Array | null = null,
): Int32Array {
  if (tie === null) return descendingOrder(values);
  if (tieOrder !== null && values.length >= RADIX_FROM && LITTLE_ENDIAN && !hasNaN(values))
    return radixDescending(values, tieOrder);
  const order = descendingOrder(values);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    if (end - start > 16) order.subarray(start, end).set([...order.subarray(start, end)].sort(tie));
    else {
      // A short run (the usual tie): sorted in place, by insertion, which is stable.
      for (let i = start + 1; i < end; i++) {
        const p = order[i]!;
        let j = i - 1;
        while (j >= start && tie(order[j]!, p) > 0) {
          order[j + 1] = order[j]!;
          j--;
        }
        order[j + 1] = p;
      }
    }
    start = end;
  }
  return order;
}

/** The distinct numbers among `values`, NaN left out, in ascending order (-0 and 0 are one). */
export function distinctAscending(values: Float64Array): Float64Array {
  const known = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) known[n++] = values[i]!;
  // Highest first (a radix sort for a long list): read backwards, each value once.
  const order = descendingOrder(known.subarray(0, n));
  const out = new Float64Array(n);
  let m = 0;
  for (let k = n - 1; k >= 0; k--) {
    const v = known[order[k]!]!;
    if (m === 0 || v !== out[m - 1]) out[m++] = v;
  }
  return out.subarray(0, m);
}

/** Where `value` is in `sorted` (ascending, distinct); -1 when it is not there (NaN never is). */
export function indexOfSorted(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid]!;
    if (at === value) return mid;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
