/**
 * The version of busload's cost model: bumped whenever a change to src/model moves a figure for the same
 * counts and catalog (a new line item, a formula, an assumption's default). Every estimate records it, so a
 * report says which model priced it; `compare` and `regress` re-price with the current one by default.
 */
export const MODEL_VERSION = '2026-12-07.2';
