// Conformance rules of the "state" family (specs/rules.ts), run by `copysnapshot-conformance run`.
import { describeProvidedFamily } from '../vitest-suite.js';

describeProvidedFamily('state');
