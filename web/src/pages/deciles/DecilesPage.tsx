export default function DecilesPage() {
  return (
    <div className="page" data-page="deciles">
      <h1>Deciles</h1>
    </div>
  );
}
