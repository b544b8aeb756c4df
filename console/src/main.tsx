import { render } from "preact";
import { App } from "./app";
import { sessionKeyStore } from "./lib/session";
import "./styles.css";

render(<App keys={sessionKeyStore()} />, document.getElementById("app")!);
