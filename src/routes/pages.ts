import { Hono } from "hono";
import type { AppEnv } from "../env";
import { readSettings } from "../settings";
import { renderPage } from "../views/document";
import { html } from "../views/html";

/** Public HTML pages. */
export const pages = new Hono<AppEnv>().get("/", (c) => {
  const settings = readSettings(c.env);
  return c.html(
    renderPage({
      title: settings.pageName,
      pageName: settings.pageName,
      description: settings.pageDescription,
      body: html`<h1>${settings.pageName}</h1>
        <p>The status page is being set up.</p>`,
    }),
  );
});
