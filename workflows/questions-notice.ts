import { activities } from './activities';
import type { QuestionsNoticeRequest } from './messages';

/**
 * Tells every address on file that an admin changed the user's questions; a workflow, so the
 * notice goes out once the mail server takes it, however long it is down.
 */
export async function questionsNotice(request: QuestionsNoticeRequest): Promise<void> {
  await activities.sendNotice({
    to: request.to,
    displayName: request.displayName,
    locale: request.locale,
    notice: { kind: 'questions-changed', change: request.change },
  });
}
