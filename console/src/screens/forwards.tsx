// Forwards (/api/forwards, Forwards/ForwardAdmin.cs): the list, a form to create and edit one (URL, method, body
// template, filters, timeout, enabled), delete, and each forward's delivery log with replay. A refusal's message is
// shown under the field it concerns (forms.ts maps the reason codes). The parts live in forwards/.

import { NoIdNamed } from "../components/NoIdNamed";
import { Deliveries } from "./forwards/Deliveries";
import { ForwardEditor } from "./forwards/ForwardEditor";
import { ForwardList } from "./forwards/ForwardList";
import type { ScreenProps } from "./registry";

export default function Forwards(props: ScreenProps) {
  const id = new URLSearchParams(props.place.search).get("id")?.trim() ?? "";
  switch (props.screen.path) {
    case "/forwards/new": return <ForwardEditor {...props} id={undefined} />;
    case "/forwards/edit": return id ? <ForwardEditor {...props} id={id} /> : <NoIdNamed title="Forward" what="forward" list="/forwards" />;
    case "/forwards/deliveries": return id ? <Deliveries {...props} /> : <NoIdNamed title="Deliveries" what="forward" list="/forwards" />;
    default: return <ForwardList {...props} />;
  }
}
