/** Built in its own commit (issue 7). */
export default function Page() {
  return (
    <main className="page">
      <h1>Coming in this issue</h1>
    </main>
  );
}
