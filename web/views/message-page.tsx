import { Layout, Notice, type PageContext } from './layout';

export interface MessagePageProps {
  page: PageContext;
  title: string;
  message: string;
  kind: 'info' | 'error' | 'success';
  backToStart?: boolean;
}

/** A page that only says something: errors, confirmations. */
export function MessagePage(props: MessagePageProps) {
  return (
    <Layout page={props.page} title={props.title}>
      <Notice kind={props.kind}>{props.message}</Notice>
      {props.backToStart ? (
        <p>
          <a href="/">{props.page.t.errors.backToStart}</a>
        </p>
      ) : null}
    </Layout>
  );
}
