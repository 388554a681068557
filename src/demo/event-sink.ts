import { DEMO_START, SECOND, formatTimestamp } from './calendar.js';
import { idFormatter } from './ids.js';
import type { DemoEvent, DemoEventType } from './types.js';

/**
 * The cells an event shares with many others (everything but its ids, time and amount). Callers
 * build each payload once and reuse it, so ten million events do not mean ten million objects.
 */
export type EventPayload = Readonly<
  Partial<
    Pick<
      DemoEvent,
      | 'currency'
      | 'status'
      | 'category'
      | 'action'
      | 'campaign_id'
      | 'channel'
      | 'audience_id'
      | 'score'
    >
  >
>;

// Sort keys pack (seconds since the start, draw index) into one exact double: 27 + 26 bits.
const INDEX_SPAN = 2 ** 26;

/**
 * Collects events column by column in draw order. Ids follow time order, known only once every
 * event is drawn, so `finish` sorts and only then builds the rows, in the order they are read.
 */
export class EventSink {
  #at: number[] = [];
  #customer: string[] = [];
  #type: DemoEventType[] = [];
  #payload: EventPayload[] = [];
  /** NaN when the event has no amount. */
  #amount: number[] = [];
  /** The order from `newOrder`, or −1. */
  #order: number[] = [];
  #orderCount = 0;

  /** A new order, shared by its purchase event and any later status event. */
  newOrder(): number {
    return this.#orderCount++;
  }

  push(
    at: number,
    customerId: string,
    type: DemoEventType,
    payload: EventPayload,
    amount = Number.NaN,
    order = -1,
  ): void {
    this.#at.push(at);
    this.#customer.push(customerId);
    this.#type.push(type);
    this.#payload.push(payload);
    this.#amount.push(amount);
    this.#order.push(order);
  }

  /** How many events were drawn. */
  get size(): number {
    return this.#at.length;
  }

  /** The rows in time order (draw order breaks ties) with sequential event and order ids. */
  finish(): DemoEvent[] {
    return Array.from(this.rows());
  }

  /**
   * The same rows one at a time, each built as it is read: a large shop's events are written
   * out without ever being held as row objects (ten million of them took several GB of heap).
   * The sink is spent once they are all read.
   */
  *rows(): Generator<DemoEvent> {
    const count = this.#at.length;
    if (count >= INDEX_SPAN) throw new RangeError(`too many demo events: ${count}`);
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i += 1) {
      keys[i] = Math.floor(((this.#at[i] ?? 0) - DEMO_START) / SECOND) * INDEX_SPAN + i;
    }
    keys.sort();
    const eventId = idFormatter('E', count, 7);
    const orderId = idFormatter('O', this.#orderCount, 7);
    // Order numbers follow the time of each order's first event; 0 means not yet numbered.
    const orderNumbers = new Int32Array(this.#orderCount);
    let nextOrder = 1;
    for (let position = 0; position < count; position += 1) {
      const i = (keys[position] ?? 0) % INDEX_SPAN;
      const order = this.#order[i] ?? -1;
      if (order >= 0 && orderNumbers[order] === 0) orderNumbers[order] = nextOrder++;
      const amount = this.#amount[i] ?? Number.NaN;
      const p = this.#payload[i] ?? {};
      // Every row gets all keys in one order: one object shape keeps a million rows compact.
      yield {
        event_id: eventId(position + 1),
        customer_id: this.#customer[i] ?? '',
        type: this.#type[i] ?? 'purchase',
        timestamp: formatTimestamp(this.#at[i] ?? 0),
        order_id: order >= 0 ? orderId(orderNumbers[order] ?? 0) : null,
        amount: Number.isNaN(amount) ? null : amount,
        currency: p.currency ?? null,
        status: p.status ?? null,
        category: p.category ?? null,
        action: p.action ?? null,
        campaign_id: p.campaign_id ?? null,
        channel: p.channel ?? null,
        audience_id: p.audience_id ?? null,
        score: p.score ?? null,
      };
    }
    this.#at = [];
    this.#customer = [];
    this.#type = [];
    this.#payload = [];
    this.#amount = [];
    this.#order = [];
  }
}
