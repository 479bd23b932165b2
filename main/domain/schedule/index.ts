// Schedule arithmetic (issue 6): a working calendar, production rates, stage cycle times, planned
// against actual, and a milestone's finish as a range (P50, P90) by resampling the observed daily
// output. Pure and exact: the same input gives the same dates on every machine.
export * from './calendar';
export * from './curve';
export * from './forecast';
export * from './milestones';
export * from './rates';
export * from './views';
