import type { Locale } from '../common/domain/locale';
import type { Mailer } from '../mail/mailer';
import { type Notice, noticeMessage } from '../mail/notice-messages';

export interface NoticeSender {
  send(to: string, who: { displayName: string; locale: Locale }, notice: Notice): Promise<void>;
}

export function createNoticeSender(mailer: Mailer, productName?: string): NoticeSender {
  return {
    send: (to, who, notice) =>
      mailer.send({ to, ...noticeMessage(who.locale, productName, who.displayName, notice) }),
  };
}
