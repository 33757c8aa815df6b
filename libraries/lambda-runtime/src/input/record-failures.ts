/** A file of records: all of them valid, or the file is invalid (a file is atomic). */
export type ParsedRecords<T> = { valid: true; records: T[] } | { valid: false; reasons: string[] };

/** How many invalid records a file's reasons describe in full; the rest are counted. */
export const MAX_REPORTED_RECORDS = 20;

/**
 * The reasons of a file's invalid records, each prefixed with where the record is (`line 7`,
 * `record 3 (index 2)`): all reasons of the first {@link MAX_REPORTED_RECORDS} invalid records, then
 * one line counting the others, so that a file of a million bad rows still makes a readable report.
 */
export class RecordFailures {
  private readonly reported: string[] = [];
  private invalidRecords = 0;

  public add(position: string, reasons: readonly string[]): void {
    this.invalidRecords += 1;
    if (this.invalidRecords > MAX_REPORTED_RECORDS) return;
    for (const reason of reasons) this.reported.push(`${position}: ${reason}`);
  }

  public get count(): number {
    return this.invalidRecords;
  }

  /** The file's records when none failed, otherwise every reported reason. */
  public outcome<T>(records: T[]): ParsedRecords<T> {
    return this.invalidRecords === 0 ? { valid: true, records } : { valid: false, reasons: this.reasons() };
  }

  public reasons(): string[] {
    const more = this.invalidRecords - MAX_REPORTED_RECORDS;
    if (more <= 0) return [...this.reported];
    return [...this.reported, `and ${more} more invalid record${more === 1 ? '' : 's'}`];
  }
}
