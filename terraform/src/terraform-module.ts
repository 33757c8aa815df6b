import * as path from 'node:path';
import { type HclDocument, parseHclFile } from './hcl-parser';
import type { TerraformFolder } from './terraform-files';

/** A block body as hcl2json renders it: attribute values and nested blocks (arrays of bodies). */
export type Body = Record<string, unknown>;

/** The configuration of one Terraform module: every .tf file of one folder, merged. */
export interface TerraformModule {
  readonly dir: string;
  readonly files: readonly string[];
  readonly variables: Readonly<Record<string, Body>>;
  readonly locals: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, Body>>;
  /** Module calls by name. */
  readonly modules: Readonly<Record<string, Body>>;
  /** Managed resources: type => name => body. */
  readonly resources: Readonly<Record<string, Record<string, Body>>>;
  /** Data sources: type => name => body. */
  readonly dataSources: Readonly<Record<string, Record<string, Body>>>;
  /** `terraform { }` blocks. */
  readonly terraformBlocks: readonly Body[];
  /** Provider configurations: name => bodies. */
  readonly providers: Readonly<Record<string, Body[]>>;
}

/** One labelled block per name: hcl2json wraps each body in a one-element array. */
function singleBodies(section: unknown): Record<string, Body> {
  const result: Record<string, Body> = {};
  for (const [name, bodies] of Object.entries((section ?? {}) as Record<string, Body[]>)) {
    result[name] = bodies[0];
  }
  return result;
}

function mergeDocuments(documents: readonly HclDocument[]): Omit<TerraformModule, 'dir' | 'files'> {
  const variables: Record<string, Body> = {};
  const locals: Record<string, unknown> = {};
  const outputs: Record<string, Body> = {};
  const modules: Record<string, Body> = {};
  const resources: Record<string, Record<string, Body>> = {};
  const dataSources: Record<string, Record<string, Body>> = {};
  const terraformBlocks: Body[] = [];
  const providers: Record<string, Body[]> = {};
  for (const document of documents) {
    Object.assign(variables, singleBodies(document.variable));
    Object.assign(outputs, singleBodies(document.output));
    Object.assign(modules, singleBodies(document.module));
    for (const block of (document.locals ?? []) as Body[]) Object.assign(locals, block);
    for (const [type, byName] of Object.entries((document.resource ?? {}) as Record<string, unknown>)) {
      resources[type] = { ...resources[type], ...singleBodies(byName) };
    }
    for (const [type, byName] of Object.entries((document.data ?? {}) as Record<string, unknown>)) {
      dataSources[type] = { ...dataSources[type], ...singleBodies(byName) };
    }
    terraformBlocks.push(...((document.terraform ?? []) as Body[]));
    for (const [name, bodies] of Object.entries((document.provider ?? {}) as Record<string, Body[]>)) {
      providers[name] = [...(providers[name] ?? []), ...bodies];
    }
  }
  return { variables, locals, outputs, modules, resources, dataSources, terraformBlocks, providers };
}

/** Parses every .tf file of a folder into one module. */
export async function loadTerraformModule(folder: TerraformFolder): Promise<TerraformModule> {
  const documents = await Promise.all(folder.tfFiles.map((file) => parseHclFile(file)));
  return { dir: folder.dir, files: folder.tfFiles, ...mergeDocuments(documents) };
}

/** A module's folder relative to the repo root, for messages. */
export function describeModule(module: TerraformModule, repoRoot: string): string {
  return path.relative(repoRoot, module.dir) || '.';
}
