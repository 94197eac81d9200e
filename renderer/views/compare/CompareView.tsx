/** Placeholder until this view is built. */
export default function CompareView() {
  return <p>Not built yet.</p>;
}
