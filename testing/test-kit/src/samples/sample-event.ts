import { VISIT_EVENT_EXAMPLE, type VisitEvent } from '@reporting/schemas';

/** A valid event as producers write it (the spec's example). */
export const SAMPLE_EVENT: VisitEvent = { ...VISIT_EVENT_EXAMPLE };
