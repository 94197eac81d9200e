/** Placeholder until this view is built. */
export default function MachineView() {
  return <p>Not built yet.</p>;
}
