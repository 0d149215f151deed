import { Document } from "./layout.js";

export function LoginPage(props: { error?: string }) {
  return (
    <Document title="Sign in">
      <main class="login">
        <div class="card">
          <h1>frontdesk console</h1>
          <p class="muted">Sign in with your staff API key. It is checked once and never stored in your browser.</p>
          {props.error ? <div class="flash error">{props.error}</div> : null}
          <form method="post" action="/console/login">
            <div class="field">
              <label for="key">Staff API key</label>
              <input id="key" name="key" type="password" autocomplete="current-password" required />
            </div>
            <button type="submit">Sign in</button>
          </form>
        </div>
      </main>
    </Document>
  );
}
