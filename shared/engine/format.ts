/** Formats a quantity for messages: at most two decimals, no trailing zeros. */
export function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** Formats a USD amount. */
export function usd(n: number): string {
  return `$${n.toFixed(2)}`;
}
