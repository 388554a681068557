export default function CustomersPage() {
  return (
    <div className="page" data-page="customers">
      <h1>Customers</h1>
    </div>
  );
}
