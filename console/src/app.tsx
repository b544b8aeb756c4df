import type { ComponentType } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Link } from "./components/Link";
import { KeyPrompt } from "./components/KeyPrompt";
import { Status } from "./components/Status";
import { createApiClient, UnauthorizedError, type ApiClient } from "./lib/api";
import { ApiContext, ZoneContext } from "./lib/context";
import { utcDay } from "./lib/dates";
import { parseZone, withZone } from "./lib/ranges";
import { usePlace, type Place } from "./lib/router";
import { keyProblem, type KeyStore } from "./lib/session";
import { navigation, screenFor, type Screen, type ScreenProps } from "./screens/registry";

/** The console: the layout with its navigation, and the key prompt until a key is given. */
export function App({ keys }: { keys: KeyStore }) {
  const place = usePlace();
  const [signedIn, setSignedIn] = useState(() => keys.get() !== null);
  const [refusal, setRefusal] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);

  // Every call goes through here: a 401 from any API forgets the key and asks for it again.
  const api = useMemo<ApiClient>(() => {
    const inner = createApiClient(keys);
    const guard = <T,>(call: Promise<T>) =>
      call.catch((error: unknown) => {
        if (error instanceof UnauthorizedError) {
          keys.clear();
          setRefusal(error.message);
          setSignedIn(false);
        }
        throw error;
      });
    return {
      get: (path, query, options) => guard(inner.get(path, query, options)),
      send: (method, path, body, options) => guard(inner.send(method, path, body, options)),
      download: (path, query, options) => guard(inner.download(path, query, options)),
    };
  }, [keys]);

  const signIn = async (key: string) => {
    const problem = keyProblem(key);
    if (problem) {
      setRefusal(problem);
      return;
    }
    keys.set(key);
    setChecking(true);
    try {
      // One small read proves the key (the host answers 401 to a wrong one). Any other failure does not prove
      // the key wrong, so the console opens and the screen shows that failure.
      await createApiClient(keys).get("/api/postbacks", { date: utcDay(new Date()), limit: 1 });
    } catch (error) {
      if (error instanceof UnauthorizedError) {
        keys.clear();
        setRefusal("That function key was refused (401). Check it and enter it again.");
        setChecking(false);
        return;
      }
    }
    setChecking(false);
    setRefusal(undefined);
    setSignedIn(true);
  };

  const signOut = () => {
    keys.clear();
    setRefusal(undefined);
    setSignedIn(false);
  };

  const screen = screenFor(place.path);
  // The zone the reader picked (?tz=) goes with them: every screen the navigation opens is read in it.
  const picked = parseZone(new URLSearchParams(place.search));
  const zone = withZone("", picked);
  return (
    <ZoneContext.Provider value={picked}>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <Link to="/" search={zone} class="brand">Trax</Link>
        <nav aria-label="Screens">
          <ul>
            {navigation.map((s) => (
              <li key={s.path}><Link to={s.path} search={zone} current={s === screen || screen?.parent === s.path}>{s.title}</Link></li>
            ))}
          </ul>
        </nav>
        {signedIn && <button type="button" class="sign-out" onClick={signOut}>Sign out</button>}
      </header>
      <main id="main" tabIndex={-1}>
        {!signedIn
          ? <KeyPrompt refusal={refusal} checking={checking} onSubmit={(key) => void signIn(key)} />
          : (
            <ApiContext.Provider value={api}>
              {screen ? <ScreenHost screen={screen} place={place} /> : <NotFound />}
            </ApiContext.Provider>
          )}
      </main>
    </ZoneContext.Provider>
  );
}

/** Loads a screen's module, titles the page, and moves the focus to the new screen's heading on navigation. */
function ScreenHost({ screen, place }: { screen: Screen; place: Place }) {
  const [loaded, setLoaded] = useState<{ screen: Screen; component: ComponentType<ScreenProps> } | undefined>();
  const [failed, setFailed] = useState<Error | undefined>();
  const first = useRef(true);

  useEffect(() => {
    document.title = `${screen.title} · Trax console`;
    let current = true;
    screen.load().then(
      (module) => current && setLoaded({ screen, component: module.default }),
      (error: unknown) => current && setFailed(error instanceof Error ? error : new Error(String(error))),
    );
    return () => { current = false; };
  }, [screen]);

  useEffect(() => {
    if (!loaded || loaded.screen !== screen) return;
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById("screen-title")?.focus();
  }, [loaded, screen]);

  if (failed) return <p role="alert">This screen could not be loaded ({failed.message}). Reload the page.</p>;
  if (!loaded || loaded.screen !== screen) return <Status>Loading…</Status>;
  const Component = loaded.component;
  return <Component screen={screen} place={place} />;
}

function NotFound() {
  useEffect(() => { document.title = "Not found · Trax console"; }, []);
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>No such screen</h1>
      <p>This address is not a screen of the console. <Link to="/">Go to the overview</Link>.</p>
    </section>
  );
}
