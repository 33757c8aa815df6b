import { SMALL } from '../sizes';
import { runFaults } from './r3-faults';

describe('R3 faults and crashes (small)', () => {
  it('after retries every valid event is in its checkpoint exactly once and nothing valid is dead-lettered, with 10% of S3 and DynamoDB requests failing and crashes at every named point', async () => {
    const result = await runFaults(SMALL.r3);
    expect(result.violations).toEqual([]);
    // The levers really fired: faults of every service, crashes at every point, multipart commits.
    const crashes = String(result.figures['crashes injected']);
    for (const point of ['afterRead', 'afterCommit', 'UploadPartCopy', 'CompleteMultipartUpload']) {
      expect(crashes).toContain(point);
    }
    expect(String(result.figures['S3 faults injected'])).not.toMatch(/^0 /);
    expect(String(result.figures['DynamoDB faults injected'])).not.toMatch(/^0 /);
    expect(
      result.figures['multipart commits completed (UploadPartCopy of the ≥ 5 MiB prefix)']
    ).toBeGreaterThan(0);
  });
});
