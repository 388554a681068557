export default function SurveyPage() {
  return (
    <div className="page" data-page="survey">
      <h1>Survey</h1>
    </div>
  );
}
