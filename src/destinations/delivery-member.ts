/** One member in a delivery, as stored with it and sent on every attempt alike. */
export interface DeliveryMember {
  customerId: string;
  change: 'entered' | 'exited';
  email: string | null;
  predictedClv: number | null;
  pAlive: number | null;
  revenue: number | null;
}

/** A member's values under the column names a CSV file and a webhook batch use. */
export function memberColumns(member: DeliveryMember): Record<string, string | number | null> {
  return {
    customer_id: member.customerId,
    email: member.email,
    predicted_clv: member.predictedClv,
    p_alive: member.pAlive,
    revenue: member.revenue,
    change: member.change,
  };
}
