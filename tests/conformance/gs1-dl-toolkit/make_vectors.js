// Compress links with GS1's Digital Link toolkit; prints the vectors as JSON.
// Usage: node make_vectors.js GS1DigitalLinkToolkit.js > compression-vectors.json
const Toolkit = require(require("path").resolve(process.argv[2]));
const t = new Toolkit();
const links = [
  "https://id.gs1.org/01/08935301000010",
  "https://id.gs1.org/01/08935301000010/10/LN2408A",
  "https://id.gs1.org/01/08935301000010/10/LN2408A/21/SJT0ZCYBWY2DB0XR",
  "https://id.gs1.org/01/08931234567897/10/L1%2F2026/21/A7K2?17=271231",
  "https://id.gs1.org/01/09520123456788/22/2A/10/ABC123/21/12345?17=180426&3103=000195",
  "https://id.gs1.org/01/09520123456788/10/abc123def/21/0123456789",
  "https://id.gs1.org/01/09520123456788/21/ABCDEF0123?linkType=gs1:epcis",
];
const vectors = links.map((uri) => {
  const compressed = t.compressGS1DigitalLink(uri, false, "https://id.gs1.org", false, true, true);
  const decompressed = t.decompressGS1DigitalLink(compressed, false, "https://id.gs1.org");
  return { uri, compressed, decompressed };
});
console.log(JSON.stringify(vectors, null, 1));
