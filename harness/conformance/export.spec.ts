// Conformance rules of the "export" family (specs/rules.ts), run by `copysnapshot-conformance run`.
import { describeProvidedFamily } from '../vitest-suite.js';

describeProvidedFamily('export');
