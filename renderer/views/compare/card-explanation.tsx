import { useState } from 'react';

/**
 * A strategy card's explanation: clamped to three lines so the cards line up, and readable whole by a
 * click (or Enter / Space) on it, which toggles the clamp. The whole text is always its title and its
 * accessible name, so a screen reader never hears it cut.
 */
export function CardExplanation({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  if (text === '') return <p className="cmp-explanation muted" />;
  const traded = tradeOffOf(text);
  return (
    <>
      {traded && (
        <p className="cmp-tradeoff" title={`trade-off: ${traded}`}>
          {traded}
        </p>
      )}
      <button
        type="button"
        className="cmp-explanation-toggle"
        aria-expanded={open}
        title={open ? 'Click to show less' : `${text} (click to read it whole)`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className={`cmp-explanation muted${open ? ' cmp-explanation-open' : ''}`}>{text}</span>
      </button>
    </>
  );
}

/**
 * The trade-off a winner took, with an estimate (`30 min slower than aws-p4d, $1.68 cheaper; …`): the
 * reason engineers decide by, shown above the clamp rather than behind a click.
 */
export function tradeOffOf(explanation: string): string | null {
  const m = /; trade-off: (.*?)(?:; runner-up |; tied with |; \d+ of [\d,]+ targets ineligible|; fallback:|$)/.exec(
    explanation,
  );
  return m ? m[1]! : null;
}
