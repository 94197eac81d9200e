/** Placeholder until this view is built. */
export default function HistoryView() {
  return <p>Not built yet.</p>;
}
