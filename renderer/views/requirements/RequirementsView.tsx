/** Placeholder until this view is built. */
export default function RequirementsView() {
  return <p>Not built yet.</p>;
}
