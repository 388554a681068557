import { refreshAll } from '../../src/pipeline/refresh-all.js';
import type { Warehouse } from '../../src/store/warehouse.js';
import { importedShop } from '../helpers/imported-shop.js';
import type { TempProject } from '../helpers/temp-project.js';

/**
 * A small hand-made shop for the campaign analysis (default windows: click 7 days, open 3).
 *
 * Campaign `spring` goes by email to audience `aud_a` (activation act_a, created 03-01, control
 * k1 k2 k3 held out on 03-05) on 2024-03-10 10:00Z to u1 u2 u3 u4:
 *   u1 delivered, opened 12:00 and 13:00, clicked 12:05, plus an unmapped "complained";
 *   u2 delivered, opened 03-11 09:00; u3 bounced; u4 delivered, opened and clicked 11:00,
 *   unsubscribed 11:30.
 * Campaign `flash` (no audience) on 2024-03-12 08:00: by sms to u4 (delivered, clicked 03-13
 * 08:00) and u5 (delivered, clicked 03-12 09:00); by email to u5 (sent only).
 * Campaign `winback-jan` by email to the winback-template audience `aud_w` (activation act_w,
 * created 01-05, control k4 k5 held out 01-08 00:00) on 2024-01-10 00:00 to w1 w2 w3.
 * The store's latest event is k3's order on 2024-04-08 00:00 (the as-of instant).
 */
const EVENTS = `event_id,customer_id,type,timestamp,order_id,amount,currency,status,campaign_id,channel,action,audience_id
s1,u1,campaign,2024-03-10T10:00:00Z,,,,,spring,email,sent,aud_a
s2,u2,campaign,2024-03-10T10:00:00Z,,,,,spring,email,sent,aud_a
s3,u3,campaign,2024-03-10T10:00:00Z,,,,,spring,email,sent,aud_a
s4,u4,campaign,2024-03-10T10:00:00Z,,,,,spring,email,sent,aud_a
d1,u1,campaign,2024-03-10T10:01:00Z,,,,,spring,email,delivered,aud_a
d2,u2,campaign,2024-03-10T10:01:00Z,,,,,spring,email,delivered,aud_a
d4,u4,campaign,2024-03-10T10:01:00Z,,,,,spring,email,delivered,aud_a
b3,u3,campaign,2024-03-10T10:02:00Z,,,,,spring,email,bounced,aud_a
op1,u1,campaign,2024-03-10T12:00:00Z,,,,,spring,email,opened,aud_a
op1b,u1,campaign,2024-03-10T13:00:00Z,,,,,spring,email,opened,aud_a
cl1,u1,campaign,2024-03-10T12:05:00Z,,,,,spring,email,clicked,aud_a
x1,u1,campaign,2024-03-10T12:06:00Z,,,,,spring,email,complained,aud_a
op2,u2,campaign,2024-03-11T09:00:00Z,,,,,spring,email,opened,aud_a
op4,u4,campaign,2024-03-10T11:00:00Z,,,,,spring,email,opened,aud_a
cl4,u4,campaign,2024-03-10T11:00:00Z,,,,,spring,email,clicked,aud_a
un4,u4,campaign,2024-03-10T11:30:00Z,,,,,spring,email,unsubscribed,aud_a
fs4,u4,campaign,2024-03-12T08:00:00Z,,,,,flash,sms,sent,
fs5,u5,campaign,2024-03-12T08:00:00Z,,,,,flash,sms,sent,
fe5,u5,campaign,2024-03-12T08:00:00Z,,,,,flash,email,sent,
fd4,u4,campaign,2024-03-12T08:00:30Z,,,,,flash,sms,delivered,
fd5,u5,campaign,2024-03-12T08:00:30Z,,,,,flash,sms,delivered,
fc4,u4,campaign,2024-03-13T08:00:00Z,,,,,flash,sms,clicked,
fc5,u5,campaign,2024-03-12T09:00:00Z,,,,,flash,sms,clicked,
ws1,w1,campaign,2024-01-10T00:00:00Z,,,,,winback-jan,email,sent,aud_w
ws2,w2,campaign,2024-01-10T00:00:00Z,,,,,winback-jan,email,sent,aud_w
ws3,w3,campaign,2024-01-10T00:00:00Z,,,,,winback-jan,email,sent,aud_w
o1,u1,purchase,2024-03-17T12:05:00Z,o1,50,EUR,success,,,,
o2,u1,purchase,2024-03-17T12:04:59Z,o2,40,EUR,success,,,,
o3,u2,purchase,2024-03-14T08:59:59Z,o3,30,EUR,success,,,,
o4,u2,purchase,2024-03-14T09:00:00Z,o4,20,EUR,success,,,,
o5,u4,purchase,2024-03-14T10:00:00Z,o5,60,EUR,success,,,,
o6,u4,purchase,2024-03-11T00:00:00Z,o6,100,EUR,canceled,,,,
o7,u5,purchase,2024-03-12T10:00:00Z,o7,80,EUR,canceled,,,,
o8,u4,purchase,2024-03-10T12:00:00Z,o8,10,EUR,success,,,,
o9,u3,purchase,2024-03-15T00:00:00Z,o9,15,EUR,success,,,,
k1o,k1,purchase,2024-03-12T00:00:00Z,k1o,25,EUR,success,,,,
k2o,k2,purchase,2024-03-20T00:00:00Z,k2o,70,EUR,success,,,,
k3o,k3,purchase,2024-04-08T00:00:00Z,k3o,5,EUR,success,,,,
w1o,w1,purchase,2024-01-25T00:00:00Z,w1o,35,EUR,success,,,,
w2o,w2,purchase,2024-03-01T00:00:00Z,w2o,45,EUR,success,,,,
k4o,k4,purchase,2024-02-07T00:00:00Z,k4o,55,EUR,success,,,,
`;

const RULE = JSON.stringify({
  version: 1,
  match: 'all',
  conditions: [{ type: 'value', field: 'revenue', test: { op: 'gte', value: 0 } }],
});

/** Saves an audience as the store holds them (with a template, or none). */
export async function insertAudience(
  warehouse: Warehouse,
  id: string,
  name: string,
  template: string | null,
): Promise<void> {
  await warehouse.run(
    `INSERT INTO audiences VALUES ($id, $name, '', 'test', $rule::JSON, 1, false, $template,
       TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-01', 'test', NULL)`,
    { id, name, rule: RULE, template },
  );
}

/** An activation of an audience created at `createdAt`, holding `controls` out at `controlledAt`. */
export async function insertActivation(
  warehouse: Warehouse,
  id: string,
  audienceId: string,
  createdAt: string,
  controls: readonly string[],
  controlledAt: string,
): Promise<void> {
  await warehouse.run(
    `INSERT INTO activations VALUES ($id, $audience, 'dest_test', 0.1, $created::TIMESTAMP,
       'test', $created::TIMESTAMP, NULL, NULL, NULL)`,
    { id, audience: audienceId, created: createdAt },
  );
  await warehouse.run(
    `INSERT INTO activation_controls
     SELECT $id, unnest($controls::VARCHAR[]), $at::TIMESTAMP`,
    { id, controls, at: controlledAt },
  );
}

/** The shop above, refreshed, with the refresh's warnings. */
export async function campaignShop(): Promise<TempProject & { warnings: string[] }> {
  const t = await importedShop({
    config: { refresh: { cron: null } },
    files: [{ kind: 'events', content: EVENTS }],
  });
  try {
    await insertAudience(t.warehouse, 'aud_a', 'Spring buyers', null);
    await insertAudience(t.warehouse, 'aud_w', 'Lapsed', 'winback');
    await insertActivation(
      t.warehouse,
      'act_a',
      'aud_a',
      '2024-03-01 00:00:00',
      ['k1', 'k2', 'k3'],
      '2024-03-05 00:00:00',
    );
    await insertActivation(
      t.warehouse,
      'act_w',
      'aud_w',
      '2024-01-05 00:00:00',
      ['k4', 'k5'],
      '2024-01-08 00:00:00',
    );
    const summary = await refreshAll(t.warehouse, t.project.config);
    return { ...t, warnings: summary.warnings };
  } catch (error) {
    await t.cleanup();
    throw error;
  }
}
