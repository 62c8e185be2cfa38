/** Site settings, read from the Worker's vars with their documented defaults. */
export type Settings = {
  pageName: string;
  pageUrl: string;
  pageDescription: string;
  timeZone: string;
};

export function readSettings(env: Env): Settings {
  return {
    pageName: env.PAGE_NAME || "Beacon",
    pageUrl: (env.PAGE_URL || "").replace(/\/+$/, ""),
    pageDescription: env.PAGE_DESCRIPTION || "",
    timeZone: env.TIMEZONE || "UTC",
  };
}
