/** Placeholder until this view is built. */
export default function ExportView() {
  return <p>Not built yet.</p>;
}
