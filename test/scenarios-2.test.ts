import { describeScenarioPart } from './helpers/scenario-suite.ts';

describeScenarioPart(2);
