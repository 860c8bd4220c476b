/** GET /contact-centre/reviews: contacts awaiting review, oldest first, with their proposed force. */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { reportStore, portsFor } from '#adapters/composition-root.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';

const reviewPorts = portsFor({ reports: reportStore });
const PAGE = { default: 25, max: 100 };

export const handler = staffRoute(['analysts', 'supervisors']).handler(async (event) => {
  const requested = Number.parseInt(event.queryStringParameters?.limit ?? '', 10);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, PAGE.max) : PAGE.default;
  const after = event.queryStringParameters?.after;
  const { records, next } = await reviewPorts().reports.awaitingReview({ limit, ...(after === undefined ? {} : { after }) });
  return json(200, { contacts: records.map(contactSummary), next: next ?? null });
});
