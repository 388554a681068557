export default function CustomerProfilePage({ customerId }: { customerId: string }) {
  return (
    <div className="page" data-page="customer">
      <h1>{customerId}</h1>
    </div>
  );
}
