// The AWS Query codec: form bodies in, XML answers out and back. Small modules under ./codec/.
export { parseForm, paramsOf, duplicateKeys, type FormParse, type FormPairs } from './codec/form.js';
export { decodeCopySnapshot, type DecodedCopyRequest } from './codec/copy-request.js';
export { successXml, snapshotXml, errorXml, xmlEscape, type ErrorFields } from './codec/xml-write.js';
export { readAnswer, type ParsedAnswer } from './codec/xml-read.js';
export { parseXmlDocument, decodeXmlEntities, type XmlDocument } from './codec/xml-parse.js';
export { readSnapshot } from './codec/snapshot-read.js';
export { encodeCopySnapshotBody, formBody, encodeFormComponent, copySnapshotPairs, type FormPair } from '../generators/form.js';
