import * as fc from 'fast-check';

import {
  ThriftDecodeError,
  ThriftType,
  type ThriftStruct,
  type ThriftValue,
  decodeThriftStruct,
  encodeThriftStruct,
  getField,
  removeField,
  setField
} from './compact-thrift';

const scalar: fc.Arbitrary<ThriftValue> = fc.oneof(
  fc.boolean().map((value): ThriftValue => ({ type: value ? ThriftType.True : ThriftType.False, value })),
  fc.integer({ min: -128, max: 127 }).map((value): ThriftValue => ({ type: ThriftType.Byte, value })),
  fc.integer({ min: -32768, max: 32767 }).map((value): ThriftValue => ({ type: ThriftType.I16, value })),
  fc
    .integer({ min: -2147483648, max: 2147483647 })
    .map((value): ThriftValue => ({ type: ThriftType.I32, value })),
  fc
    .bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
    .map((value): ThriftValue => ({ type: ThriftType.I64, value })),
  fc.double({ noNaN: true }).map((value): ThriftValue => ({ type: ThriftType.Double, value })),
  fc.uint8Array({ maxLength: 20 }).map((value): ThriftValue => ({ type: ThriftType.Binary, value }))
);

/** Field ids ascending and unique, with gaps both small (delta form) and large (long form). */
function structOf(value: fc.Arbitrary<ThriftValue>): fc.Arbitrary<ThriftStruct> {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: 300 }), { maxLength: 6 })
    .chain((ids) => fc.tuple(...ids.sort((a, b) => a - b).map((id) => value.map((v) => ({ id, value: v })))))
    .map((fields) => ({ fields }));
}

const { tree } = fc.letrec<{ tree: ThriftValue }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 20 }).map(
      (items): ThriftValue => ({
        type: ThriftType.List,
        value: { elementType: ThriftType.I32, items: items.map((value) => ({ type: ThriftType.I32, value })) }
      })
    ),
    fc.array(fc.boolean(), { maxLength: 5 }).map(
      (items): ThriftValue => ({
        type: ThriftType.List,
        value: {
          elementType: ThriftType.True,
          items: items.map((value) => ({ type: ThriftType.True, value }))
        }
      })
    ),
    // at least one entry: an empty map carries no key/value types on the wire
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 3 }).map(
      (keys): ThriftValue => ({
        type: ThriftType.Map,
        value: {
          keyType: ThriftType.I32,
          valueType: ThriftType.Binary,
          entries: keys.map((key) => [
            { type: ThriftType.I32, value: key },
            { type: ThriftType.Binary, value: new Uint8Array([key]) }
          ])
        }
      })
    ),
    structOf(tie('tree')).map((value): ThriftValue => ({ type: ThriftType.Struct, value }))
  )
}));

describe('compact thrift codec', () => {
  test('thrift round trip: decoding what was encoded gives back every field with its wire type, and re-encoding is byte-identical', () => {
    fc.assert(
      fc.property(structOf(tree), (struct) => {
        const bytes = encodeThriftStruct(struct);
        const { struct: decoded, end } = decodeThriftStruct(bytes);
        expect(end).toBe(bytes.length);
        expect(decoded).toEqual(struct);
        expect(encodeThriftStruct(decoded)).toEqual(bytes);
      }),
      { numRuns: 300 }
    );
  });

  test('truncation: truncated input is a ThriftDecodeError, never a partial struct', () => {
    fc.assert(
      fc.property(
        structOf(tree).filter((struct) => struct.fields.length > 0),
        fc.nat(),
        (struct, at) => {
          const bytes = encodeThriftStruct(struct);
          const cut = at % bytes.length;
          expect(() => decodeThriftStruct(bytes.subarray(0, cut))).toThrow(ThriftDecodeError);
        }
      ),
      { numRuns: 200 }
    );
  });

  test('an unknown wire type is rejected', () => {
    expect(() => decodeThriftStruct(new Uint8Array([0x1d, 0]))).toThrow(/unknown thrift type 13/);
  });

  test('field helpers set in id order, replace, and remove', () => {
    const struct: ThriftStruct = { fields: [] };
    setField(struct, 5, { type: ThriftType.I32, value: 5 });
    setField(struct, 2, { type: ThriftType.I32, value: 2 });
    setField(struct, 5, { type: ThriftType.I32, value: 6 });
    expect(struct.fields.map((field) => field.id)).toEqual([2, 5]);
    expect(getField(struct, 5)).toEqual({ type: ThriftType.I32, value: 6 });
    removeField(struct, 2);
    expect(getField(struct, 2)).toBeUndefined();
  });
});
