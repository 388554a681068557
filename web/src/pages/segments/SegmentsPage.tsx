export default function SegmentsPage() {
  return (
    <div className="page" data-page="segments">
      <h1>Segments</h1>
    </div>
  );
}
