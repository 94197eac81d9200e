// The ranking's order without a comparator (issue 14): a stable radix sort of the scores, best
// first, equal scores in their given order — what `sort((a, b) => s[b] - s[a] || a - b)` gives,
// without calling a function per comparison. A catalog ranks tens of thousands of eligible targets.

const LITTLE_ENDIAN = new Uint32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000;

/** Whether any value is NaN: a loop, as `values.some(Number.isNaN)` boxes every number it passes. */
function hasNaN(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) return true;
  return false;
}

/**
 * Positions 0..n-1 ordered by `values`, highest first, ties in position order (a stable sort).
 * -0 ranks as 0; NaN (never a score) falls back to the comparator's order.
 */
export function descendingOrder(values: Float64Array): Int32Array {
  const n = values.length;
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  // A short list (the usual eligible set of a small fleet) sorts faster than eight radix passes start.
  if (n < 64 || !LITTLE_ENDIAN || hasNaN(values)) {
    return Int32Array.from([...order].sort((a, b) => values[b]! - values[a]! || a - b));
  }
  // Each score's bits as an unsigned key that sorts ascending in descending order of score.
  const doubles = new Float64Array(n);
  for (let i = 0; i < n; i++) doubles[i] = values[i]! + 0; // -0 becomes 0
  const words = new Uint32Array(doubles.buffer);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1]!;
    const negative = hi >>> 31 === 1;
    // Ascending order of the numbers is: negatives with every bit flipped, positives with the sign set.
    const up = negative ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
    const upLo = negative ? ~words[2 * i]! >>> 0 : words[2 * i]!;
    words[2 * i + 1] = ~up >>> 0;
    words[2 * i] = ~upLo >>> 0;
  }
  // LSD radix, eight bits at a time, low word first: each pass is stable, so ties keep their order.
  let next = new Int32Array(n);
  const counts = new Int32Array(257);
  for (let pass = 0; pass < 8; pass++) {
    const word = pass < 4 ? 0 : 1;
    const shift = (pass % 4) * 8;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((words[2 * order[i]! + word]! >>> shift) & 0xff) + 1]!++;
    if (counts.includes(n)) continue; // every key has the same digit: nothing moves
    for (let d = 1; d < 257; d++) counts[d]! += counts[d - 1]!;
    for (let i = 0; i < n; i++) {
      const p = order[i]!;
      next[counts[(words[2 * p + word]! >>> shift) & 0xff]!++] = p;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * `descendingOrder`, with each run of equal scores ordered by `tie` (a comparator on positions),
 * stably: the order of `sort((a, b) => s[b] - s[a] || tie(a, b))`.
 */
export function rankOrder(values: Float64Array, tie: ((a: number, b: number) => number) | null): Int32Array {
  const order = descendingOrder(values);
  if (tie === null) return order;
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
