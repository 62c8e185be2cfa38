import { html, render, type VNode } from "./html";

export type DocumentProps = {
  title: string;
  pageName: string;
  description?: string;
  body: VNode;
};

/** The document shell every page shares. It loads one stylesheet and no script. */
export function Document({ title, pageName, description, body }: DocumentProps): VNode {
  return html`<html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title}</title>
      ${description ? html`<meta name="description" content=${description} />` : null}
      <meta name="color-scheme" content="light dark" />
      <link rel="stylesheet" href="/style.css" />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    </head>
    <body>
      <header class="site-header">
        <a class="site-name" href="/">${pageName}</a>
      </header>
      <main id="main">${body}</main>
      <footer class="site-footer"><p>Powered by Beacon</p></footer>
    </body>
  </html>`;
}

export function renderPage(props: DocumentProps): string {
  return `<!doctype html>${render(Document(props))}`;
}
