/** How REDCap writes an error body for each `returnFormat` (its RestUtility::sendResponse). */
export type ReturnFormat = 'json' | 'csv' | 'xml';

/** REDCap's message when a status is sent without one. */
const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'There were errors with your request. If you are sending data, then it might be due to the data being misformatted. ',
  401: 'The API token was missing or incorrect',
  403: 'You do not have permissions to use the API',
  500: 'The server encountered an error processing your request.',
  501: 'The requested method is not implemented.'
};

export interface ErrorBody {
  contentType: string;
  body: string;
}

/** The error body REDCap sends: `{"error":"…"}`, `ERROR: …` or `<hash><error>…</error></hash>`. */
export function errorBody(
  status: number,
  message: string | undefined,
  returnFormat: ReturnFormat
): ErrorBody {
  const text = message ?? DEFAULT_MESSAGES[status] ?? '';
  switch (returnFormat) {
    case 'json':
      return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error: text }) };
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', body: `ERROR: ${text}` };
    default:
      return {
        contentType: 'text/xml; charset=utf-8',
        body: `<?xml version="1.0" encoding="UTF-8" ?><hash><error>${escapeXml(text)}</error></hash>`
      };
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** REDCap's returnFormat: the parameter if given, else the format, else xml. */
export function returnFormatOf(params: URLSearchParams): ReturnFormat {
  const requested = (params.get('returnFormat') || params.get('format') || 'xml').toLowerCase();
  return requested === 'json' || requested === 'csv' ? requested : 'xml';
}
