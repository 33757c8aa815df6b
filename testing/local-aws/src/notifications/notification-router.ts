import type { LocalQueue } from '../queue/local-queue';
import type { ObjectChange } from '../s3/s3-handler-context';
import {
  type BucketNotificationConfiguration,
  notificationMatches,
  validateNotificationConfiguration
} from './notification-configuration';
import { buildS3EventRecord, buildS3TestEvent } from './s3-event-record';

/** Sends each object change to the queues whose bucket notification configuration matches it. */
export class NotificationRouter {
  private readonly _region: string;
  private readonly _configurations: Map<string, BucketNotificationConfiguration> = new Map();

  constructor(region: string) {
    this._region = region;
  }

  /**
   * Replaces the bucket's configuration (an empty list removes it). Like S3, sends an `s3:TestEvent`
   * message to every queue of the new configuration unless `sendTestEvent` is false.
   */
  setConfiguration(
    bucket: string,
    configuration: BucketNotificationConfiguration,
    sendTestEvent: boolean
  ): void {
    validateNotificationConfiguration(configuration);
    const named = {
      queueConfigurations: configuration.queueConfigurations.map((notification, index) => ({
        ...notification,
        id: notification.id ?? `notification-${index + 1}`
      }))
    };
    this._configurations.set(bucket, named);
    if (sendTestEvent) {
      const queues = new Set<LocalQueue>(named.queueConfigurations.map((n) => n.queue));
      for (const queue of queues) queue.send(JSON.stringify(buildS3TestEvent(bucket, new Date())));
    }
  }

  getConfiguration(bucket: string): BucketNotificationConfiguration {
    return this._configurations.get(bucket) ?? { queueConfigurations: [] };
  }

  route(change: ObjectChange): void {
    const configuration = this._configurations.get(change.bucket);
    if (!configuration) return;
    for (const notification of configuration.queueConfigurations) {
      if (!notificationMatches(notification, change.eventName, change.key)) continue;
      const record = buildS3EventRecord(change, this._region, notification.id!);
      notification.queue.send(JSON.stringify({ Records: [record] }));
    }
  }
}
