import { LocalAws } from '../local-aws';
import { decodeS3EventKey } from '@reporting/utils';
import { uploadWithNotification } from './direct-notification';

describe('uploadWithNotification', () => {
  let stack: LocalAws;
  beforeAll(async () => {
    stack = await LocalAws.start({ s3: { buckets: ['direct'] }, dynamoDb: false });
  });
  afterAll(() => stack.stop());

  it('uploads and returns the record S3 sends: key encoded, ETag unquoted, sequencers increasing', async () => {
    const s3 = stack.s3Client();
    const first = await uploadWithNotification(s3, 'direct', 'prod/a file+1.json', '{"a":1}');
    const second = await uploadWithNotification(s3, 'direct', 'prod/b.json', '{}');
    const [record] = first.Records;
    expect(record).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: 'direct' }, object: { key: 'prod/a+file%2B1.json', size: 7 } }
    });
    expect(decodeS3EventKey(record.s3.object.key)).toBe('prod/a file+1.json');
    expect(record.s3.object.eTag).toMatch(/^[0-9a-f]{32}$/);
    expect(second.Records[0].s3.object.sequencer > record.s3.object.sequencer).toBe(true);
  });
});
