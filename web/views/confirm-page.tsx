import { Layout, type PageContext } from './layout';

/**
 * The landing of a one-time link: opening it does not use it up, because mail scanners fetch
 * links too; the user's press of the button (a POST) does.
 */
export function ConfirmPage(props: {
  page: PageContext;
  csrfToken: string;
  action: string;
  title: string;
  intro: string;
  note?: string;
  submit: string;
}) {
  return (
    <Layout page={props.page} title={props.title}>
      <p>{props.intro}</p>
      <form method="post" action={props.action} class="card">
        <input type="hidden" name="csrf" value={props.csrfToken} />
        {props.note ? <p class="hint">{props.note}</p> : null}
        <button type="submit">{props.submit}</button>
      </form>
    </Layout>
  );
}
