/** Placeholder until this view is built. */
export default function TargetsView() {
  return <p>Not built yet.</p>;
}
