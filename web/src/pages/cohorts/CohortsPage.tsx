export default function CohortsPage() {
  return (
    <div className="page" data-page="cohorts">
      <h1>Cohorts</h1>
    </div>
  );
}
