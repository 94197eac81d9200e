/**
 * Kubernetes resource quantities (`3800m`, `16Gi`, `15896488Ki`, `129e6`, `1.5`), as the API server
 * writes them in a node's `capacity` and `allocatable`. The grammar is Kubernetes' own
 * (k8s.io/apimachinery/pkg/api/resource): a signed decimal number, then one of a binary suffix
 * (Ki Mi Gi Ti Pi Ei), a decimal exponent (e3, E-2) or a decimal suffix (n u m k M G T P E, or none).
 */

const BINARY_POWER: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// Alternatives in this order so that `1Ei` is binary, `1E3` an exponent and a lone `1E` exa.
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?\d+)|(n|u|m|k|M|G|T|P|E)?)$/;

/**
 * Reads a Kubernetes quantity into a plain number: cores for `cpu`, bytes for memory and storage,
 * a count for extended resources (`nvidia.com/gpu`). Null when the text is not a quantity.
 */
export function parseQuantity(text: string): number | null {
  if (text.length === 0 || text.length > 64) return null;
  const m = QUANTITY.exec(text);
  if (m === null) return null;
  const [, number, binary, exponent, decimal] = m as unknown as [string, string, string?, string?, string?];
  let value: number;
  if (binary !== undefined) {
    // A power of two scales a double exactly: 15896488Ki is 16277999712 bytes, not a rounding of it.
    value = Number(number) * 2 ** BINARY_POWER[binary]!;
  } else {
    // Let the number parser apply the power of ten: `3800e-3` parses to exactly 3.8, whereas
    // 3800 * 0.001 gives 3.8000000000000003.
    const power = exponent !== undefined ? Number(exponent) : DECIMAL_EXPONENT[decimal ?? '']!;
    value = Number(`${number}e${power}`);
  }
  return Number.isFinite(value) ? value : null;
}
