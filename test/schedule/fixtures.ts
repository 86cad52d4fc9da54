/** The scenario builders moved to test/helpers/scenario-builder.ts; this keeps older imports working. */
export { makeBus, makeProducer, makeScenario } from '../helpers/scenario-builder.js';
