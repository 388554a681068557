export default function PredictionsPage() {
  return (
    <div className="page" data-page="predictions">
      <h1>Predictions</h1>
    </div>
  );
}
