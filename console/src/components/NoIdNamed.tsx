import { Link } from "./Link";

/**
 * A page of one forward or link opened without its id (?id=…): it says so and links to the list, and calls nothing
 * (a call with an empty id would reach another route, or none, and answer something misleading).
 */
export function NoIdNamed({ title, what, list }: { title: string; what: string; list: string }) {
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{title}</h1>
      <p role="alert">No {what} is named in the address (<code>?id=…</code>). <Link to={list}>Choose one from the list</Link>.</p>
    </section>
  );
}
