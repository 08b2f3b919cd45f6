import { Layout, type PageContext } from './layout';

/**
 * The landing of a one-time link. Opening the link does not use it up: mail scanners fetch
 * links too. The user's press of the button (a POST) does.
 */
export function LinkPage(props: { page: PageContext; csrfToken: string; action: string }) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t.link.title}>
      <p>{t.link.intro}</p>
      <form method="post" action={props.action} class="card">
        <input type="hidden" name="csrf" value={props.csrfToken} />
        <p class="hint">{t.link.once}</p>
        <button type="submit">{t.link.submit}</button>
      </form>
    </Layout>
  );
}
