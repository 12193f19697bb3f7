#!/usr/bin/env node
// Extracts one entry of a zip file (stored or deflated, no zip64), for machines without `unzip`.
// Usage: node unzip-entry.js <archive.zip> <entry/name> <destination>
'use strict';
const fs = require('fs');
const zlib = require('zlib');

const [archive, entryName, destination] = process.argv.slice(2);
if (!destination) {
  console.error('usage: unzip-entry.js <archive.zip> <entry> <destination>');
  process.exit(2);
}
const zip = fs.readFileSync(archive);

// The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
let eocd = -1;
for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--) {
  if (zip.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
}
if (eocd < 0) throw new Error(`${archive}: not a zip file`);
const entries = zip.readUInt16LE(eocd + 10);
let p = zip.readUInt32LE(eocd + 16);

for (let n = 0; n < entries; n++) {
  if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt central directory');
  const method = zip.readUInt16LE(p + 10);
  const compressedSize = zip.readUInt32LE(p + 20);
  const nameLength = zip.readUInt16LE(p + 28);
  const extraLength = zip.readUInt16LE(p + 30);
  const commentLength = zip.readUInt16LE(p + 32);
  const localHeader = zip.readUInt32LE(p + 42);
  const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
  if (name === entryName) {
    const localNameLength = zip.readUInt16LE(localHeader + 26);
    const localExtraLength = zip.readUInt16LE(localHeader + 28);
    const start = localHeader + 30 + localNameLength + localExtraLength;
    const data = zip.subarray(start, start + compressedSize);
    if (method === 0) fs.writeFileSync(destination, data);
    else if (method === 8) fs.writeFileSync(destination, zlib.inflateRawSync(data));
    else throw new Error(`${entryName}: unsupported compression method ${method}`);
    process.exit(0);
  }
  p += 46 + nameLength + extraLength + commentLength;
}
console.error(`${archive}: no entry ${entryName}`);
process.exit(1);
