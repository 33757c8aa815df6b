import type { LocalQueue } from '../queue/local-queue';

export type S3EventType =
  | 's3:ObjectCreated:*'
  | 's3:ObjectCreated:Put'
  | 's3:ObjectCreated:Post'
  | 's3:ObjectCreated:Copy'
  | 's3:ObjectCreated:CompleteMultipartUpload'
  | 's3:ObjectRemoved:*'
  | 's3:ObjectRemoved:Delete';

/**
 * One QueueConfiguration of PutBucketNotificationConfiguration. `prefix` and `suffix` are compared
 * with the key itself (in S3's API and Terraform the same filter values are written URL-encoded,
 * e.g. a space as `+`).
 */
export interface QueueNotification {
  /** The configurationId in event records; default `notification-<n>`. */
  id?: string;
  queue: LocalQueue;
  events: S3EventType[];
  prefix?: string;
  suffix?: string;
}

export interface BucketNotificationConfiguration {
  queueConfigurations: QueueNotification[];
}

export function eventTypeMatches(eventType: S3EventType, eventName: string): boolean {
  const name = `s3:${eventName}`;
  return eventType.endsWith(':*') ? name.startsWith(eventType.slice(0, -1)) : name === eventType;
}

export function notificationMatches(
  notification: QueueNotification,
  eventName: string,
  key: string
): boolean {
  return (
    notification.events.some((type) => eventTypeMatches(type, eventName)) &&
    key.startsWith(notification.prefix ?? '') &&
    key.endsWith(notification.suffix ?? '')
  );
}

function eventTypesOverlap(a: S3EventType[], b: S3EventType[]): boolean {
  const expand = (types: S3EventType[]) =>
    types.flatMap((t) =>
      t === 's3:ObjectCreated:*'
        ? ['Put', 'Post', 'Copy', 'CompleteMultipartUpload'].map((n) => `ObjectCreated:${n}`)
        : t === 's3:ObjectRemoved:*'
          ? ['ObjectRemoved:Delete']
          : [t.slice(3)]
    );
  const left = new Set(expand(a));
  return expand(b).some((name) => left.has(name));
}

/**
 * S3 rejects configurations whose filters could both match one key for the same event type
 * ("Configurations overlap"): one prefix starts the other and one suffix ends the other.
 */
export function validateNotificationConfiguration(configuration: BucketNotificationConfiguration): void {
  const list = configuration.queueConfigurations;
  list.forEach((notification) => {
    if (notification.events.length === 0) throw new Error('A notification needs at least one event type');
  });
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [a, b] = [list[i], list[j]];
      const [pa, pb, sa, sb] = [a.prefix ?? '', b.prefix ?? '', a.suffix ?? '', b.suffix ?? ''];
      const prefixesOverlap = pa.startsWith(pb) || pb.startsWith(pa);
      const suffixesOverlap = sa.endsWith(sb) || sb.endsWith(sa);
      if (prefixesOverlap && suffixesOverlap && eventTypesOverlap(a.events, b.events)) {
        throw new Error(
          'Configurations overlap. Configurations on the same bucket cannot share a common event type.'
        );
      }
    }
  }
}
