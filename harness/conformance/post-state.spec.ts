// Conformance rules of the "post-state" family (specs/rules.ts), run by `copysnapshot-conformance run`.
import { describeProvidedFamily } from '../vitest-suite.js';

describeProvidedFamily('post-state');
