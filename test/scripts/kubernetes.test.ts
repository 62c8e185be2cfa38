/**
 * The kustomize base under deploy/kubernetes: every object validates against
 * the Kubernetes schemas (kubernetes-models), the build that kubectl makes
 * validates too, and the base keeps the rules SQLite needs and the security
 * context the README promises.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as apps from "kubernetes-models/apps/v1";
import * as networking from "kubernetes-models/networking.k8s.io/v1";
import * as core from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BASE = path.join(ROOT, "deploy", "kubernetes");

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [k: string]: unknown };

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "v1/ConfigMap": core.ConfigMap,
  "v1/Secret": core.Secret,
  "v1/Service": core.Service,
  "v1/PersistentVolumeClaim": core.PersistentVolumeClaim,
  "apps/v1/Deployment": apps.Deployment,
  "networking.k8s.io/v1/Ingress": networking.Ingress,
};

function parse(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((d) => d.toJSON() as Manifest)
    .filter(Boolean);
}

function validate(m: Manifest): void {
  const Model = MODELS[`${m.apiVersion}/${m.kind}`];
  if (!Model) throw new Error(`no schema for ${m.apiVersion} ${m.kind}`);
  new Model(m as never).validate();
}

function kubectlBuild(): Manifest[] | null {
  try {
    return parse(
      execFileSync("kubectl", ["kustomize", BASE], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

const kustomization = parse(readFileSync(path.join(BASE, "kustomization.yaml"), "utf8"))[0] as unknown as {
  resources: string[];
};
const resources = kustomization.resources.flatMap((file) =>
  parse(readFileSync(path.join(BASE, file), "utf8")),
);
const byKind = (kind: string) => resources.filter((m) => m.kind === kind);

describe("the Kubernetes base", () => {
  it("validates every object against the Kubernetes schemas, the Ingress example included", () => {
    const ingress = parse(readFileSync(path.join(BASE, "examples", "ingress.yaml"), "utf8"));
    for (const m of [...resources, ...ingress])
      expect(() => validate(m), `${m.kind} ${m.metadata.name}`).not.toThrow();
    expect(ingress[0]).toMatchObject({ kind: "Ingress", spec: { tls: [{ secretName: "beacon-tls" }] } });
  });

  it("builds with kustomize, and the build validates", () => {
    const built = kubectlBuild();
    if (!built) return void console.warn("kubectl is not installed: the kustomize build was not checked");
    expect(built.map((m) => m.kind).sort()).toEqual([
      "ConfigMap",
      "Deployment",
      "PersistentVolumeClaim",
      "Secret",
      "Service",
    ]);
    for (const m of built) expect(() => validate(m), `${m.kind} ${m.metadata.name}`).not.toThrow();
    const deployment = built.find((m) => m.kind === "Deployment") as unknown as apps.IDeployment;
    expect(deployment.spec?.template.spec?.containers[0]?.image).toBe("localhost/beacon:latest");
  });

  it("runs exactly one replica, replaced with Recreate, with its state on a claimed volume", () => {
    const [deployment] = byKind("Deployment") as unknown as apps.IDeployment[];
    expect(deployment?.spec?.replicas).toBe(1);
    expect(deployment?.spec?.strategy?.type).toBe("Recreate");
    const pod = deployment?.spec?.template.spec;
    const container = pod?.containers[0];
    expect(container?.volumeMounts).toContainEqual({ name: "data", mountPath: "/data" });
    expect(pod?.volumes).toContainEqual({
      name: "data",
      persistentVolumeClaim: { claimName: "beacon-data" },
    });
    expect(byKind("PersistentVolumeClaim")[0]?.metadata.name).toBe("beacon-data");
  });

  it("probes /healthz for readiness and liveness, and takes the admin token from a Secret", () => {
    const [deployment] = byKind("Deployment") as unknown as apps.IDeployment[];
    const container = deployment?.spec?.template.spec?.containers[0];
    expect(container?.readinessProbe?.httpGet?.path).toBe("/healthz");
    expect(container?.livenessProbe?.httpGet?.path).toBe("/healthz");
    const token = container?.env?.find((e) => e.name === "ADMIN_TOKEN");
    expect(token?.valueFrom?.secretKeyRef?.name).toBe("beacon-admin");
    expect(byKind("Secret")[0]?.metadata.name).toBe("beacon-admin");
    expect(container?.envFrom?.[0]?.configMapRef?.name).toBe("beacon-config");
    expect(byKind("Service")).toHaveLength(1);
  });

  it("runs as non-root with a read-only root filesystem, no privilege escalation and no capabilities", () => {
    const [deployment] = byKind("Deployment") as unknown as apps.IDeployment[];
    const pod = deployment?.spec?.template.spec;
    const container = pod?.containers[0];
    expect(pod?.securityContext?.runAsNonRoot).toBe(true);
    expect(pod?.securityContext?.runAsUser).toBeGreaterThan(0);
    expect(container?.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    // Node and workerd need somewhere to write temporary files.
    expect(container?.volumeMounts).toContainEqual({ name: "tmp", mountPath: "/tmp" });
  });
});

describe("the Containerfile", () => {
  const file = readFileSync(path.join(ROOT, "Containerfile"), "utf8");

  it("is based on Debian trixie by default, overridable, and fetches nothing from npm", () => {
    expect(file).toMatch(/^ARG BASE=docker\.io\/library\/debian:trixie-slim$/m);
    expect(file).toMatch(/^FROM \$\{BASE\}$/m);
    expect(file).not.toMatch(/^RUN .*\bnpm\b/m);
    expect(file).toMatch(/apt-get install .*\bnodejs\b/);
  });

  it("runs as a non-root user, keeps state under /data, listens on 0.0.0.0:8787 and checks /healthz", () => {
    expect(file).toMatch(/^USER 10001:10001$/m);
    expect(file).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(file).toMatch(/DATA_DIR=\/data/);
    expect(file).toMatch(/HOST=0\.0\.0\.0/);
    expect(file).toMatch(/PORT=8787/);
    expect(file).toMatch(/SEED_DEMO=0/);
    expect(file).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
  });

  it("keeps local state and tests out of the build context", () => {
    for (const name of [".containerignore", ".dockerignore"]) {
      const ignore = readFileSync(path.join(ROOT, name), "utf8");
      expect(ignore).toMatch(/^\*$/m);
      expect(ignore).not.toMatch(/^!(\.data|test|node_modules)\b/m);
    }
  });
});
