import {
  DeleteParameterCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  paginateGetParametersByPath,
  type Parameter,
  PutParameterCommand,
  type SSMClient
} from '@aws-sdk/client-ssm';
import { randomUUID } from 'node:crypto';

/** The error name and status a failed SDK call reports. */
async function failure(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const { name, $metadata } = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name, status: $metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

/**
 * SSM Parameter Store behaviour the stand-in promises, written against the SDK only, so the same
 * cases run against the local SSM and against moto_server (expectations: the SSM API reference).
 */
export function defineSsmConformanceCases(client: () => SSMClient): void {
  let root: string;
  beforeEach(() => {
    root = `/conformance/${randomUUID().slice(0, 8)}`;
  });
  const put = (name: string, value: string, type: 'String' | 'SecureString' | 'StringList' = 'String') =>
    client().send(new PutParameterCommand({ Name: name, Value: value, Type: type }));
  const names = (parameters: Parameter[] | undefined): string[] =>
    (parameters ?? []).map((p) => p.Name!).sort();

  test('PutParameter then GetParameter: value, type, version 1; a second put needs Overwrite and makes version 2', async () => {
    expect((await put(`${root}/url`, 'https://redcap.example.org/api/')).Version).toBe(1);
    const got = await client().send(new GetParameterCommand({ Name: `${root}/url` }));
    expect(got.Parameter).toMatchObject({
      Name: `${root}/url`,
      Type: 'String',
      Value: 'https://redcap.example.org/api/',
      Version: 1
    });
    expect(got.Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    expect(await failure(put(`${root}/url`, 'again'))).toEqual({
      name: 'ParameterAlreadyExists',
      status: 400
    });
    const overwritten = await client().send(
      new PutParameterCommand({ Name: `${root}/url`, Value: 'again', Type: 'String', Overwrite: true })
    );
    expect(overwritten.Version).toBe(2);
    expect((await client().send(new GetParameterCommand({ Name: `${root}/url` }))).Parameter?.Value).toBe(
      'again'
    );
  });

  test('a SecureString reads back as ciphertext without decryption and as the value with it', async () => {
    await put(`${root}/token`, 'A1B2C3D4E5F60718293A4B5C6D7E8F90', 'SecureString');
    const hidden = await client().send(new GetParameterCommand({ Name: `${root}/token` }));
    expect(hidden.Parameter?.Type).toBe('SecureString');
    expect(hidden.Parameter?.Value).not.toBe('A1B2C3D4E5F60718293A4B5C6D7E8F90');
    const shown = await client().send(
      new GetParameterCommand({ Name: `${root}/token`, WithDecryption: true })
    );
    expect(shown.Parameter?.Value).toBe('A1B2C3D4E5F60718293A4B5C6D7E8F90');
    const byPath = await client().send(new GetParametersByPathCommand({ Path: root }));
    expect(byPath.Parameters?.[0]?.Value).not.toBe('A1B2C3D4E5F60718293A4B5C6D7E8F90');
  });

  test('GetParameter of an unknown name: ParameterNotFound (400)', async () => {
    expect(await failure(client().send(new GetParameterCommand({ Name: `${root}/missing` })))).toEqual({
      name: 'ParameterNotFound',
      status: 400
    });
  });

  test('GetParameters: the found ones, and the others as InvalidParameters', async () => {
    await put(`${root}/a`, '1');
    const got = await client().send(new GetParametersCommand({ Names: [`${root}/a`, `${root}/b`] }));
    expect(names(got.Parameters)).toEqual([`${root}/a`]);
    expect(got.InvalidParameters).toEqual([`${root}/b`]);
  });

  test('GetParametersByPath: direct children only, or every descendant with Recursive; the path itself never', async () => {
    await put(`${root}/url`, 'u');
    await put(`${root}/token`, 't', 'SecureString');
    await put(`${root}/nested/deeper`, 'd');
    await put(`${root}x/sibling`, 's');
    const direct = await client().send(new GetParametersByPathCommand({ Path: root }));
    expect(names(direct.Parameters)).toEqual([`${root}/token`, `${root}/url`]);
    const all = await client().send(new GetParametersByPathCommand({ Path: `${root}/`, Recursive: true }));
    expect(names(all.Parameters)).toEqual([`${root}/nested/deeper`, `${root}/token`, `${root}/url`]);
  });

  test('GetParametersByPath pages with MaxResults and NextToken: every parameter exactly once', async () => {
    const expected = Array.from({ length: 13 }, (_, i) => `${root}/p${String(i).padStart(2, '0')}`);
    for (const name of expected) await put(name, name);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateGetParametersByPath({ client: client(), pageSize: 4 }, { Path: root })) {
      pages++;
      expect(page.Parameters!.length).toBeLessThanOrEqual(4);
      seen.push(...names(page.Parameters));
    }
    expect(seen.sort()).toEqual(expected);
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  // A path without its leading slash is refused by the local SSM (parameter-store.test.ts); moto
  // 5.2 answers it with an empty list, so it is not a case here.
  test('GetParametersByPath: MaxResults above 10 is a ValidationException', async () => {
    expect(
      await failure(client().send(new GetParametersByPathCommand({ Path: root, MaxResults: 11 })))
    ).toEqual({
      name: 'ValidationException',
      status: 400
    });
  });

  test('DeleteParameter: gone afterwards; deleting an unknown name is ParameterNotFound', async () => {
    await put(`${root}/gone`, 'x');
    await client().send(new DeleteParameterCommand({ Name: `${root}/gone` }));
    expect((await failure(client().send(new GetParameterCommand({ Name: `${root}/gone` })))).name).toBe(
      'ParameterNotFound'
    );
    expect((await failure(client().send(new DeleteParameterCommand({ Name: `${root}/gone` })))).name).toBe(
      'ParameterNotFound'
    );
  });

  test('PutParameter: a name prefixed with aws or ssm is a ValidationException; /aws/ is reserved (AccessDenied)', async () => {
    expect((await failure(put('ssm-reserved', 'x'))).name).toBe('ValidationException');
    expect((await failure(put('awsflat', 'x'))).name).toBe('ValidationException');
    expect((await failure(put('/aws/reserved', 'x'))).name).toBe('AccessDeniedException');
    expect((await failure(put(`${root}/empty`, ''))).name).toBe('ValidationException');
  });
}
