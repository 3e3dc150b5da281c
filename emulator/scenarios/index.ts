import type { Scenario } from '../driver/scenario.ts';

/** The built-in scenarios, in the order `all` runs them. */
export const BUILT_IN: Scenario[] = [];
