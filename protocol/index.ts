// The protocol layer, below generators, harness and mock: AWS Query form bodies encoded (as the SDK sends
// them) and decoded, XML answers read and written, and the redaction of what a message quotes. It reads
// specs/ only.
export { parseForm, paramsOf, duplicateKeys, type FormParse, type FormPairs } from './form.js';
export { decodeCopySnapshot, type DecodedCopyRequest } from './copy-request.js';
export { successXml, snapshotXml, errorXml, xmlEscape, type ErrorFields } from './xml-write.js';
export { readAnswer, type ParsedAnswer } from './xml-read.js';
export { parseXmlDocument, decodeXmlEntities, type XmlDocument } from './xml-parse.js';
export { readSnapshot } from './snapshot-read.js';
export { findSnapshot, readSnapshotList, readTagList } from './list-read.js';
export { encodeCopySnapshotBody, formBody, encodeFormComponent, copySnapshotPairs, type FormPair } from './form-encode.js';
