import { paths } from '../paths';
import { Layout, Notice, type PageContext } from './layout';

export interface MessagePageProps {
  page: PageContext;
  title: string;
  message: string;
  kind: 'info' | 'error' | 'success';
  backToStart?: boolean;
  /** More paragraphs below the message. */
  more?: string[];
  refreshSeconds?: number;
}

/** A page that only says something: errors, confirmations. */
export function MessagePage(props: MessagePageProps) {
  return (
    <Layout page={props.page} title={props.title} refreshSeconds={props.refreshSeconds}>
      <Notice kind={props.kind}>{props.message}</Notice>
      {(props.more ?? []).map((paragraph) => (
        <p>{paragraph}</p>
      ))}
      {props.backToStart ? (
        <p>
          <a href={paths.start}>{props.page.t.errors.backToStart}</a>
        </p>
      ) : null}
    </Layout>
  );
}
