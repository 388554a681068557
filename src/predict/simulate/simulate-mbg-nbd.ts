import type { BgNbdParameters } from './simulate-bg-nbd.js';
import { simulateDropouts } from './simulate-bg-nbd.js';
import type { SimulatedCustomers, SimulationOptions } from './simulated-customers.js';
import { STREAM_MBG_NBD } from './simulated-customers.js';

/**
 * Customers drawn from the MBG/NBD model (Batislam, Denizel & Filiztekin 2007): BG/NBD in
 * which the customer may also drop out right after the first purchase, with the same p.
 */
export function simulateMbgNbd(
  parameters: BgNbdParameters,
  options: SimulationOptions,
): SimulatedCustomers {
  return simulateDropouts('MBG/NBD', parameters, options, STREAM_MBG_NBD, 1);
}
