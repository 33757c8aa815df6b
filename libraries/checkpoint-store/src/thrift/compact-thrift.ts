/* eslint-disable no-bitwise -- a wire-format codec is bit manipulation */
/**
 * A Thrift compact-protocol codec that keeps every field's wire type, so a parquet footer can be
 * decoded, edited (row groups appended or replaced, key-value metadata updated) and encoded again
 * without losing or retyping anything this library does not understand (i16 fields, doubles,
 * future fields).
 */

export const enum ThriftType {
  Stop = 0,
  True = 1,
  False = 2,
  Byte = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  Double = 7,
  Binary = 8,
  List = 9,
  Set = 10,
  Map = 11,
  Struct = 12
}

/** Booleans are one type on the wire inside structs (True/False); lists use True for both. */
export type ThriftValue =
  | { readonly type: ThriftType.True | ThriftType.False; readonly value: boolean }
  | { readonly type: ThriftType.Byte | ThriftType.I16 | ThriftType.I32; readonly value: number }
  | { readonly type: ThriftType.I64; readonly value: bigint }
  | { readonly type: ThriftType.Double; readonly value: number }
  | { readonly type: ThriftType.Binary; readonly value: Uint8Array }
  | { readonly type: ThriftType.List | ThriftType.Set; readonly value: ThriftList }
  | { readonly type: ThriftType.Map; readonly value: ThriftMap }
  | { readonly type: ThriftType.Struct; readonly value: ThriftStruct };

export interface ThriftList {
  readonly elementType: ThriftType;
  readonly items: ThriftValue[];
}

export interface ThriftMap {
  readonly keyType: ThriftType;
  readonly valueType: ThriftType;
  readonly entries: Array<[ThriftValue, ThriftValue]>;
}

/** Fields in wire order; ids are unique. */
export interface ThriftStruct {
  fields: ThriftField[];
}

export interface ThriftField {
  readonly id: number;
  value: ThriftValue;
}

export class ThriftDecodeError extends Error {}

const MAX_DEPTH = 64;

class Reader {
  public constructor(
    private readonly _bytes: Uint8Array,
    public offset: number
  ) {}

  public readStruct(depth: number): ThriftStruct {
    if (depth > MAX_DEPTH) throw new ThriftDecodeError('thrift nesting too deep');
    const fields: ThriftField[] = [];
    let lastId = 0;
    for (;;) {
      const header = this._byte();
      const type = header & 0x0f;
      if (type === ThriftType.Stop) return { fields };
      const delta = header >> 4;
      const id = delta !== 0 ? lastId + delta : this._zigzag32();
      lastId = id;
      fields.push({ id, value: this._value(type, depth, true) });
    }
  }

  private _value(type: number, depth: number, inStruct: boolean): ThriftValue {
    switch (type) {
      case ThriftType.True:
      case ThriftType.False:
        if (inStruct) return { type, value: type === ThriftType.True };
        // In lists a boolean is one byte: 1 true, anything else false.
        return { type: ThriftType.True, value: this._byte() === 1 };
      case ThriftType.Byte:
        return { type, value: (this._byte() << 24) >> 24 };
      case ThriftType.I16:
      case ThriftType.I32:
        return { type, value: this._zigzag32() };
      case ThriftType.I64:
        return { type, value: this._zigzag64() };
      case ThriftType.Double: {
        this._need(8);
        const view = new DataView(this._bytes.buffer, this._bytes.byteOffset + this.offset, 8);
        this.offset += 8;
        return { type, value: view.getFloat64(0, true) };
      }
      case ThriftType.Binary: {
        const length = this._varint();
        this._need(length);
        const value = this._bytes.slice(this.offset, this.offset + length);
        this.offset += length;
        return { type, value };
      }
      case ThriftType.List:
      case ThriftType.Set: {
        const header = this._byte();
        const elementType = header & 0x0f;
        const size = header >> 4 === 15 ? this._varint() : header >> 4;
        const items: ThriftValue[] = [];
        for (let i = 0; i < size; i++) items.push(this._value(elementType, depth + 1, false));
        return { type, value: { elementType, items } };
      }
      case ThriftType.Map: {
        const size = this._varint();
        if (size === 0) return { type, value: { keyType: 0, valueType: 0, entries: [] } };
        const kinds = this._byte();
        const keyType = kinds >> 4;
        const valueType = kinds & 0x0f;
        const entries: Array<[ThriftValue, ThriftValue]> = [];
        for (let i = 0; i < size; i++) {
          entries.push([this._value(keyType, depth + 1, false), this._value(valueType, depth + 1, false)]);
        }
        return { type, value: { keyType, valueType, entries } };
      }
      case ThriftType.Struct:
        return { type, value: this.readStruct(depth + 1) };
      default:
        throw new ThriftDecodeError(`unknown thrift type ${type} at byte ${this.offset}`);
    }
  }

  private _need(count: number): void {
    if (count < 0 || this.offset + count > this._bytes.length) {
      throw new ThriftDecodeError('thrift data ends early');
    }
  }

  private _byte(): number {
    this._need(1);
    return this._bytes[this.offset++];
  }

  private _varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this._byte();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new ThriftDecodeError('thrift varint too long');
    }
  }

  private _zigzag32(): number {
    const n = this._varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  private _zigzag64(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this._byte();
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7n;
      if (shift > 70n) throw new ThriftDecodeError('thrift varint too long');
    }
    return (result >> 1n) ^ -(result & 1n);
  }
}

class Writer {
  private _buffer = new Uint8Array(1024);
  private _length = 0;

  public bytes(): Uint8Array {
    return this._buffer.slice(0, this._length);
  }

  public writeStruct(struct: ThriftStruct): void {
    let lastId = 0;
    for (const { id, value } of struct.fields) {
      const delta = id - lastId;
      const wireType =
        value.type === ThriftType.True || value.type === ThriftType.False
          ? value.value
            ? ThriftType.True
            : ThriftType.False
          : value.type;
      if (delta > 0 && delta <= 15) {
        this._byte((delta << 4) | wireType);
      } else {
        this._byte(wireType);
        this._zigzag32(id);
      }
      lastId = id;
      if (wireType !== ThriftType.True && wireType !== ThriftType.False) this._value(value);
    }
    this._byte(ThriftType.Stop);
  }

  private _value(value: ThriftValue): void {
    switch (value.type) {
      case ThriftType.True:
      case ThriftType.False:
        this._byte(value.value ? 1 : 2); // list element form; struct fields carry it in the header
        return;
      case ThriftType.Byte:
        this._byte(value.value & 0xff);
        return;
      case ThriftType.I16:
      case ThriftType.I32:
        this._zigzag32(value.value);
        return;
      case ThriftType.I64:
        this._varint64((value.value << 1n) ^ (value.value >> 63n));
        return;
      case ThriftType.Double: {
        this._ensure(8);
        new DataView(this._buffer.buffer, this._length, 8).setFloat64(0, value.value, true);
        this._length += 8;
        return;
      }
      case ThriftType.Binary:
        this._varint(value.value.length);
        this._raw(value.value);
        return;
      case ThriftType.List:
      case ThriftType.Set: {
        const { elementType, items } = value.value;
        if (items.length < 15) {
          this._byte((items.length << 4) | elementType);
        } else {
          this._byte(0xf0 | elementType);
          this._varint(items.length);
        }
        for (const item of items) this._value(item);
        return;
      }
      case ThriftType.Map: {
        const { keyType, valueType, entries } = value.value;
        this._varint(entries.length);
        if (entries.length === 0) return;
        this._byte((keyType << 4) | valueType);
        for (const [k, v] of entries) {
          this._value(k);
          this._value(v);
        }
        return;
      }
      case ThriftType.Struct:
        this.writeStruct(value.value);
        return;
    }
  }

  private _ensure(count: number): void {
    if (this._length + count <= this._buffer.length) return;
    const next = new Uint8Array(Math.max(this._buffer.length * 2, this._length + count));
    next.set(this._buffer.subarray(0, this._length));
    this._buffer = next;
  }

  private _byte(byte: number): void {
    this._ensure(1);
    this._buffer[this._length++] = byte;
  }

  private _raw(bytes: Uint8Array): void {
    this._ensure(bytes.length);
    this._buffer.set(bytes, this._length);
    this._length += bytes.length;
  }

  private _varint(n: number): void {
    let rest = n;
    while (rest >= 0x80) {
      this._byte(rest % 0x80 | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this._byte(rest);
  }

  private _zigzag32(n: number): void {
    this._varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  private _varint64(n: bigint): void {
    let rest = BigInt.asUintN(64, n);
    while (rest >= 0x80n) {
      this._byte(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this._byte(Number(rest));
  }
}

/** Decodes one struct starting at `offset`; returns it and the offset just past it. */
export function decodeThriftStruct(bytes: Uint8Array, offset = 0): { struct: ThriftStruct; end: number } {
  const reader = new Reader(bytes, offset);
  const struct = reader.readStruct(0);
  return { struct, end: reader.offset };
}

export function encodeThriftStruct(struct: ThriftStruct): Uint8Array {
  const writer = new Writer();
  writer.writeStruct(struct);
  return writer.bytes();
}

// Small helpers for reading and editing structs by field id.

export function getField(struct: ThriftStruct, id: number): ThriftValue | undefined {
  return struct.fields.find((field) => field.id === id)?.value;
}

/** Sets (or adds, keeping ascending id order) a field. */
export function setField(struct: ThriftStruct, id: number, value: ThriftValue): void {
  const existing = struct.fields.find((field) => field.id === id);
  if (existing) {
    existing.value = value;
    return;
  }
  struct.fields.push({ id, value });
  struct.fields.sort((a, b) => a.id - b.id);
}

export function removeField(struct: ThriftStruct, id: number): void {
  struct.fields = struct.fields.filter((field) => field.id !== id);
}

export function i64(value: bigint): ThriftValue {
  return { type: ThriftType.I64, value };
}

export function binary(text: string): ThriftValue {
  return { type: ThriftType.Binary, value: new TextEncoder().encode(text) };
}

export function structValue(struct: ThriftStruct): ThriftValue {
  return { type: ThriftType.Struct, value: struct };
}

export function structList(items: ThriftStruct[]): ThriftValue {
  return { type: ThriftType.List, value: { elementType: ThriftType.Struct, items: items.map(structValue) } };
}
