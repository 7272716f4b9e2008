// Conformance rules of the "names" family (specs/rules.ts), run by `copysnapshot-conformance run`.
import { describeProvidedFamily } from '../vitest-suite.js';

describeProvidedFamily('names');
