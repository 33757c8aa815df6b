// The store's rules (SSM API reference: PutParameter, GetParameters, GetParametersByPath; "Working
// with parameter hierarchies": names, 15 levels).
import { ParameterStore } from './parameter-store';

const failing = (action: () => unknown): { type: string; message: string } => {
  try {
    action();
  } catch (error) {
    return { type: (error as { type: string }).type, message: (error as Error).message };
  }
  throw new Error('expected a failure');
};

test('names: fully qualified when hierarchical, allowed characters, at most 15 levels, not prefixed aws/ssm', () => {
  const store = new ParameterStore();
  expect(failing(() => store.put({ Name: 'a/b', Value: 'x', Type: 'String' })).message).toBe(
    'Parameter name must be a fully qualified name.'
  );
  expect(failing(() => store.put({ Name: '/a b', Value: 'x', Type: 'String' })).type).toBe(
    'ValidationException'
  );
  expect(failing(() => store.put({ Name: '', Value: 'x', Type: 'String' })).type).toBe('ValidationException');
  const deep = `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`;
  expect(failing(() => store.put({ Name: deep, Value: 'x', Type: 'String' })).type).toBe(
    'HierarchyLevelLimitExceededException'
  );
  expect(store.put({ Name: 'flat-name', Value: 'x', Type: 'String' })).toEqual({
    Version: 1,
    Tier: 'Standard'
  });
  expect(store.get('flat-name', false).ARN).toBe('arn:aws:ssm:us-east-1:000000000000:parameter/flat-name');
});

test('values: not empty, at most 4 KB; a type from the enum (kept on overwrite when omitted)', () => {
  const store = new ParameterStore();
  expect(failing(() => store.put({ Name: '/v', Value: '', Type: 'String' })).type).toBe(
    'ValidationException'
  );
  expect(failing(() => store.put({ Name: '/v', Value: 'x'.repeat(4097), Type: 'String' })).type).toBe(
    'ValidationException'
  );
  expect(failing(() => store.put({ Name: '/v', Value: 'x', Type: 'Secret' })).type).toBe(
    'ValidationException'
  );
  expect(failing(() => store.put({ Name: '/v', Value: 'x' })).type).toBe('ValidationException');
  store.put({ Name: '/v', Value: 'a,b', Type: 'StringList' });
  expect(store.put({ Name: '/v', Value: 'c', Overwrite: true })).toEqual({ Version: 2, Tier: 'Standard' });
  expect(store.get('/v', false)).toMatchObject({ Type: 'StringList', Value: 'c', DataType: 'text' });
});

test('SecureString ciphertext is opaque and differs between two parameters of the same value', () => {
  const store = new ParameterStore();
  store.put({ Name: '/s1', Value: 'same', Type: 'SecureString', KeyId: 'alias/mine' });
  store.put({ Name: '/s2', Value: 'same', Type: 'SecureString' });
  const [one, two] = [store.get('/s1', false).Value, store.get('/s2', false).Value];
  expect(one).not.toBe(two);
  expect(Buffer.from(one, 'base64').toString('utf8')).not.toContain('same');
  expect(store.get('/s1', true).Value).toBe('same');
});

test('GetParameters: 1 to 10 names; duplicates answered once', () => {
  const store = new ParameterStore();
  store.put({ Name: '/a', Value: '1', Type: 'String' });
  expect(failing(() => store.getMany([], false)).type).toBe('ValidationException');
  expect(
    failing(() =>
      store.getMany(
        Array.from({ length: 11 }, (_, i) => `/n${i}`),
        false
      )
    ).type
  ).toBe('ValidationException');
  expect(store.getMany(['/a', '/a', '/b'], false)).toMatchObject({
    Parameters: [{ Name: '/a' }],
    InvalidParameters: ['/b']
  });
});

test('GetParametersByPath: a bad NextToken or MaxResults is refused', () => {
  const store = new ParameterStore();
  expect(failing(() => store.byPath({ Path: '/', NextToken: 'not-a-token' })).type).toBe('InvalidNextToken');
  expect(failing(() => store.byPath({ Path: '/', MaxResults: 0 })).type).toBe('ValidationException');
  expect(failing(() => store.byPath({ Path: '/', MaxResults: 2.5 })).type).toBe('ValidationException');
  expect(failing(() => store.byPath({})).type).toBe('ValidationException');
  expect(failing(() => store.byPath({ Path: 'relative/path' })).type).toBe('ValidationException');
});
