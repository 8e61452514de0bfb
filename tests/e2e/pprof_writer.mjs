// Writes pprof profiles (profile.proto, gzipped) from plain stacks, for e2e cases whose
// shape matters more than their producer: one function and one location per name, no
// mappings. Not part of the site.

import { gzipSync } from "node:zlib";

/** Protobuf writer: only what profile.proto needs (varints and length-delimited fields). */
class Writer {
  constructor() {
    this.bytes = [];
  }
  varint(v) {
    let n = BigInt(v);
    if (n < 0n) n += 1n << 64n;
    while (n >= 0x80n) {
      this.bytes.push(Number(n & 0x7fn) | 0x80);
      n >>= 7n;
    }
    this.bytes.push(Number(n));
  }
  /** A varint field (wire type 0); zero is left out, as proto3 does. */
  uint(field, v) {
    if (!v) return;
    this.varint(field << 3);
    this.varint(v);
  }
  /** A length-delimited field (wire type 2) holding `body` (bytes). */
  bytesField(field, body) {
    this.varint((field << 3) | 2);
    this.varint(body.length);
    for (const b of body) this.bytes.push(b);
  }
  /** A message field built by `fill(writer)`. */
  message(field, fill) {
    const inner = new Writer();
    fill(inner);
    this.bytesField(field, inner.bytes);
  }
  /** A packed repeated varint field. */
  packed(field, values) {
    const inner = new Writer();
    for (const v of values) inner.varint(v);
    this.bytesField(field, inner.bytes);
  }
}

/**
 * A gzipped profile.proto: `sampleTypes` as [type, unit] pairs, `samples` as
 * {stack: names leaf first, values: one per sample type, labels?: [key, value] string pairs},
 * `period` of `periodType`; `fileOf(name)` names each function's source file.
 */
export function writeProfile({ sampleTypes, samples, periodType = sampleTypes[0], period = 1, fileOf = () => "synthetic.go" }) {
  const strings = [""];
  const stringIds = new Map([["", 0]]);
  const str = (s) => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      stringIds.set(s, id);
    }
    return id;
  };
  const locations = new Map(); // name → location id (= function id)
  const loc = (name) => {
    let id = locations.get(name);
    if (id === undefined) {
      id = locations.size + 1;
      locations.set(name, id);
      str(name);
    }
    return id;
  };
  const w = new Writer();
  for (const [type, unit] of sampleTypes) {
    w.message(1, (m) => {
      m.uint(1, str(type));
      m.uint(2, str(unit));
    });
  }
  for (const s of samples) {
    w.message(2, (m) => {
      m.packed(1, s.stack.map(loc));
      m.packed(2, s.values);
      for (const [key, value] of s.labels ?? []) {
        m.message(3, (label) => {
          label.uint(1, str(key));
          label.uint(2, str(value));
        });
      }
    });
  }
  for (const [name, id] of locations) {
    w.message(4, (m) => {
      m.uint(1, id);
      m.message(4, (line) => line.uint(1, id));
    });
    w.message(5, (m) => {
      m.uint(1, id);
      m.uint(2, str(name));
      m.uint(3, str(name));
      m.uint(4, str(fileOf(name)));
    });
  }
  const [ptType, ptUnit] = periodType;
  const pt = [str(ptType), str(ptUnit)];
  for (const s of strings) w.bytesField(6, Buffer.from(s, "utf8"));
  w.message(11, (m) => {
    m.uint(1, pt[0]);
    m.uint(2, pt[1]);
  });
  w.uint(12, period);
  return gzipSync(Buffer.from(w.bytes));
}
