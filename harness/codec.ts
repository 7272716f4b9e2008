// The AWS Query codec: form bodies in, XML answers out and back.
export { parseForm, decodeCopySnapshot, paramsOf, duplicateKeys, type FormParse, type DecodedCopyRequest } from './codec/form.js';
export { successXml, snapshotXml, errorXml, xmlEscape, type ErrorFields } from './codec/xml-write.js';
export { readAnswer, type ParsedAnswer } from './codec/xml-read.js';
export { encodeCopySnapshotBody, formBody, encodeFormComponent, copySnapshotPairs } from '../generators/form.js';
