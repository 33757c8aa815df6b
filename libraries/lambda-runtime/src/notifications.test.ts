import type { SQSRecord } from 'aws-lambda';
import { BadRequestError } from '@reporting/utils';
import { classifyTrigger, objectVersionTag, parseS3Notification, parseSqsS3Message } from './notifications';

const s3Record = (key: string, eventName = 'ObjectCreated:Put', extra: Record<string, unknown> = {}) => ({
  eventVersion: '2.1',
  eventSource: 'aws:s3',
  eventName,
  s3: { bucket: { name: 'events' }, object: { key, size: 120, eTag: 'abc', sequencer: '0A1', ...extra } }
});

describe('S3 notifications', () => {
  it('decodes keys and keeps version identity', () => {
    const [change] = parseS3Notification({
      Records: [s3Record('prod/a+b%2Bc.json', 'ObjectCreated:Put', { versionId: 'v1' })]
    });
    expect(change).toEqual({
      kind: 'created',
      eventName: 'ObjectCreated:Put',
      object: {
        bucket: 'events',
        key: 'prod/a b+c.json',
        versionId: 'v1',
        eTag: 'abc',
        size: 120,
        sequencer: '0A1'
      }
    });
  });

  it('recognises removals and test events', () => {
    expect(parseS3Notification({ Records: [s3Record('k', 'ObjectRemoved:Delete')] })[0].kind).toBe('removed');
    expect(parseS3Notification({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'events' })).toEqual([
      { kind: 'test', bucket: 'events' }
    ]);
  });

  it.each([[{}], [null], [{ Records: [{ s3: {} }] }]])('rejects %p with a BadRequestError', (body) => {
    expect(() => parseS3Notification(body)).toThrow(BadRequestError);
  });

  it('uses the ETag without quotes, else the version id, as the version tag', () => {
    expect(objectVersionTag({ bucket: 'b', key: 'k', versionId: 'v1', eTag: '"e"' })).toBe('e');
    expect(objectVersionTag({ bucket: 'b', key: 'k', versionId: 'v1' })).toBe('v1');
    expect(objectVersionTag({ bucket: 'b', key: 'k' })).toBe('unversioned');
  });
});

describe('SQS messages', () => {
  const message = (body: string) => ({ messageId: 'm1', body, eventSource: 'aws:sqs' }) as SQSRecord;

  it('unwraps the S3 notification in the body', () => {
    const changes = parseSqsS3Message(message(JSON.stringify({ Records: [s3Record('x.json')] })));
    expect(changes).toHaveLength(1);
  });

  it('names the message whose body is not JSON', () => {
    expect(() => parseSqsS3Message(message('{oops'))).toThrow('SQS message m1 body is not JSON');
  });
});

describe('classifyTrigger', () => {
  it('tells SQS, direct S3 and EventBridge invocations apart', () => {
    expect(classifyTrigger({ Records: [{ eventSource: 'aws:sqs', body: '{}' }] }).trigger).toBe('sqs');
    expect(classifyTrigger({ Records: [s3Record('k')] }).trigger).toBe('s3');
    const bridged = classifyTrigger({
      source: 'aws.s3',
      'detail-type': 'Object Created',
      detail: {
        bucket: { name: 'events' },
        object: { key: 'a b.json', etag: 'e1', size: 3, 'version-id': 'v9' }
      }
    });
    expect(bridged).toEqual({
      trigger: 'eventbridge',
      changes: [
        {
          kind: 'created',
          eventName: 'Object Created',
          object: { bucket: 'events', key: 'a b.json', versionId: 'v9', eTag: 'e1', size: 3 }
        }
      ]
    });
  });

  it.each([
    [null],
    ['text'],
    [{ hello: 1 }],
    [{ source: 'aws.s3', 'detail-type': 'Object Created', detail: {} }]
  ])('rejects a malformed invocation %p', (event) => {
    expect(() => classifyTrigger(event)).toThrow(BadRequestError);
  });
});
