export default function ChannelsPage() {
  return (
    <div className="page" data-page="channels">
      <h1>Channels</h1>
    </div>
  );
}
