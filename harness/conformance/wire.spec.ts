// Conformance rules of the "wire" family (specs/rules.ts), run by `copysnapshot-conformance run`.
import { describeProvidedFamily } from '../vitest-suite.js';

describeProvidedFamily('wire');
