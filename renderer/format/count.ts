/** A count with its noun, singular for one: `1 target`, `0 targets`, `3 problems`. */
export function count(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : pluralNoun}`;
}
