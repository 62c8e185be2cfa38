/** The layering docs/architecture.md describes, checked by `npm run lint:deps`. */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "domain/ holds rules without I/O and imports only domain/",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { pathNot: "^src/domain/" },
    },
    {
      name: "i18n-imports-domain-only",
      comment: "catalogues and formats are pure: words, Intl and domain rules",
      severity: "error",
      from: { path: "^src/i18n/" },
      to: { pathNot: "^src/(i18n|domain)/" },
    },
    {
      name: "db-imports-domain-only",
      comment: "SQL modules return domain types and import nothing else",
      severity: "error",
      from: { path: "^src/db/" },
      to: { pathNot: "^src/(db|domain)/" },
    },
    {
      name: "views-never-reach-db",
      comment: "views receive plain data; they query nothing",
      severity: "error",
      from: { path: "^src/views/" },
      to: { path: "^src/db/", reachable: true },
    },
    {
      name: "models-never-reach-db",
      severity: "error",
      from: { path: "^src/models/" },
      to: { path: "^src/db/", reachable: true },
    },
    {
      name: "models-hold-no-html",
      comment: "HTML stays in views/",
      severity: "error",
      from: { path: "^src/models/" },
      to: { path: "^src/views/" },
    },
    {
      name: "probes-never-reach-db",
      severity: "error",
      from: { path: "^src/probes/" },
      to: { path: "^src/db/", reachable: true },
    },
    {
      name: "sql-only-in-db",
      comment: "the SQL modules are imported, never bypassed; nothing below routes reaches scripts",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^scripts/" },
    },
    {
      name: "actions-below-routes-and-views",
      comment: "the API and the console call the same actions; actions render nothing",
      severity: "error",
      from: { path: "^src/actions/" },
      to: { path: "^src/(routes|views)/" },
    },
    { name: "no-cycles", severity: "error", from: { path: "^src/" }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "(^|/)worker-configuration\\.d\\.ts$" },
  },
};
