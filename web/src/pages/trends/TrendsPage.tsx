export default function TrendsPage() {
  return (
    <div className="page" data-page="trends">
      <h1>Trends</h1>
    </div>
  );
}
