export { groupPurchaseSummary, spendSummary } from './group-summary.js';
export { simulateBgNbd } from './simulate-bg-nbd.js';
export type { BgNbdParameters } from './simulate-bg-nbd.js';
export { simulateMbgNbd } from './simulate-mbg-nbd.js';
export { simulateParetoNbd } from './simulate-pareto-nbd.js';
export type { ParetoNbdParameters } from './simulate-pareto-nbd.js';
export { simulateSpend } from './simulate-spend.js';
export type { SimulatedCustomers, SimulationOptions } from './simulated-customers.js';
