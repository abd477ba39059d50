import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import {
  UNKNOWN_ACCESS
} from "./chunk-YWBZ6NUY.js";
import {
  accessNotConfiguredSentence,
  childText,
  customSettingNames,
  grantFix,
  grantLines,
  grantXml,
  isCustomField,
  notBackedUpAnyway,
  scanXml2 as scanXml,
  stripNamespaceTokens
} from "./chunk-EXA37RQX.js";
import {
  require_src
} from "./chunk-EE6I57VK.js";
import "./chunk-GYF6PIJX.js";
import "./chunk-5576KT4I.js";
import {
  __toESM
} from "./chunk-K6R725GW.js";

// src/access/sdr.ts
var import_source_deploy_retrieve = __toESM(require_src(), 1);
import path from "node:path";
process.env.SF_DISABLE_LOG_FILE ??= "true";
var EMPTY = { types: {}, childTypes: {}, suffixes: {}, strictDirectoryNames: {} };
function firstLevelMerge(a, b) {
  return {
    types: { ...a.types, ...b.types ?? {} },
    childTypes: { ...a.childTypes, ...b.childTypes ?? {} },
    suffixes: { ...a.suffixes, ...b.suffixes ?? {} },
    strictDirectoryNames: { ...a.strictDirectoryNames, ...b.strictDirectoryNames ?? {} }
  };
}
function dropEmpty(o) {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== ""));
}
async function projectRegistry(head, warn = () => {
}) {
  const raw = await head.read("sfdx-project.json");
  let json = {};
  if (raw) {
    try {
      json = JSON.parse(raw.toString("utf8"));
    } catch {
      json = {};
    }
  }
  const names = [.../* @__PURE__ */ new Set([...asStrings(json.registryPresets), ...asStrings(json.sourceBehaviorOptions)])];
  const presets = [];
  for (const n of names) {
    const p = import_source_deploy_retrieve.presetMap.get(n);
    if (p) presets.push(p);
    else warn(`sfdx-project.json: sourceBehaviorOptions "${n}" is not known to this version of SDR; ignored`);
  }
  const custom = json.registryCustomizations && typeof json.registryCustomizations === "object" ? json.registryCustomizations : EMPTY;
  const fromPresets = [...presets, custom].reduce((prev, cur) => firstLevelMerge(prev, cur), EMPTY);
  const merged = firstLevelMerge(import_source_deploy_retrieve.registry, firstLevelMerge(fromPresets, custom));
  return new import_source_deploy_retrieve.RegistryAccess({
    types: merged.types,
    childTypes: dropEmpty(merged.childTypes),
    suffixes: dropEmpty(merged.suffixes),
    strictDirectoryNames: dropEmpty(merged.strictDirectoryNames)
  });
}
function asStrings(v) {
  return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
}
function virtualTree(files) {
  const entries = Array.isArray(files) ? files.map((f) => [f, void 0]) : [...files];
  const dirs = /* @__PURE__ */ new Map();
  const add = (dir, name, child) => {
    let m = dirs.get(dir);
    if (!m) dirs.set(dir, m = /* @__PURE__ */ new Map());
    if (!m.has(name) || typeof child === "object") m.set(name, child);
  };
  for (const [file, data] of entries) {
    const parts = file.split("/");
    for (let i = 0; i < parts.length - 1; i++) add(parts.slice(0, i + 1).join(path.sep), parts[i + 1], parts[i + 1]);
    if (parts.length === 1) add(".", parts[0], parts[0]);
    const dir = parts.length > 1 ? parts.slice(0, -1).join(path.sep) : ".";
    add(dir, parts[parts.length - 1], { name: parts[parts.length - 1], data: data ?? Buffer.from("") });
  }
  const virtualFs = [...dirs].map(([dirPath, children]) => ({ dirPath, children: [...children.values()] }));
  return new import_source_deploy_retrieve.VirtualTreeContainer(virtualFs);
}
function resolvePath(resolver, file) {
  try {
    return resolver.getComponentsFromPath(file);
  } catch {
    return [];
  }
}

// src/access/permissions.ts
var KIND_IDS = {
  PermissionSet: "permissionset",
  Profile: "profile",
  PermissionSetGroup: "permissionsetgroup",
  MutingPermissionSet: "mutingpermissionset"
};
var PermissionCatalog = class _PermissionCatalog {
  constructor(source, registry) {
    this.source = source;
    this.registry = registry;
  }
  source;
  registry;
  byName = /* @__PURE__ */ new Map();
  byFile = /* @__PURE__ */ new Map();
  docs = /* @__PURE__ */ new Map();
  /**
   * Lists the permission components of one side. Only paths under the package directories that contain one of the
   * permission types' directory names (from the registry) are given to SDR; nothing is read yet.
   */
  static async build(source, registry, packageDirectories) {
    const catalog = new _PermissionCatalog(source, registry);
    const dirNames = /* @__PURE__ */ new Set();
    for (const id of Object.values(KIND_IDS)) {
      const t = safeType(registry, id);
      if (t?.directoryName) dirNames.add(t.directoryName.toLowerCase());
    }
    const order = (f) => {
      const i = packageDirectories.findIndex((d) => d === "" || f === d || f.startsWith(`${d}/`));
      return i;
    };
    const candidates = (await source.list()).map((f) => f.replace(/\\/g, "/")).filter((f) => order(f) >= 0 && f.split("/").slice(0, -1).some((seg) => dirNames.has(seg.toLowerCase()))).sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
    if (!candidates.length) return catalog;
    const resolver = new import_source_deploy_retrieve.MetadataResolver(registry, virtualTree(candidates), false);
    const seen = /* @__PURE__ */ new Set();
    const unresolved = [];
    for (const file of candidates) {
      const components = resolvePath(resolver, file);
      if (!components.length) unresolved.push(file);
      for (const c of components) {
        const kind = kindOf(c);
        if (!kind || !c.xml) continue;
        const id = `${kind}\0${c.xml}`;
        if (seen.has(id)) {
          continue;
        }
        seen.add(id);
        const parts = c.content ? [...c.walkContent()].filter((f) => f !== c.xml).sort() : [];
        const ref = {
          kind,
          name: decodeName(c.fullName),
          xml: c.xml,
          files: [c.xml, ...parts],
          format: c.xml.endsWith("-meta.xml") ? "source" : "mdapi",
          decomposed: Boolean(c.content),
          strayParts: []
        };
        const key = `${kind}:${ref.name.toLowerCase()}`;
        const list2 = catalog.byName.get(key) ?? [];
        list2.push(ref);
        catalog.byName.set(key, list2);
        for (const f of ref.files) catalog.byFile.set(f, ref);
      }
    }
    for (const refs of catalog.byName.values()) {
      for (const ref of refs) {
        const dir = ref.xml.slice(0, ref.xml.lastIndexOf("/"));
        if (ref.decomposed || dir.slice(dir.lastIndexOf("/") + 1) !== ref.name) continue;
        ref.strayParts = unresolved.filter((f) => f.startsWith(`${dir}/`));
      }
    }
    return catalog;
  }
  /** Components of this kind and name (case-insensitive), in package-directory order. */
  find(kind, name) {
    return this.byName.get(`${kind}:${name.trim().toLowerCase()}`) ?? [];
  }
  /** The component a file belongs to. */
  owner(file) {
    return this.byFile.get(file);
  }
  /** Reads and parses the component once; a string is a problem message (unreadable or malformed XML). */
  load(ref) {
    let p = this.docs.get(ref);
    if (!p) {
      p = this.parse(ref);
      this.docs.set(ref, p);
    }
    return p;
  }
  /** Raw text of a file of this side (for line numbers). */
  async text(file) {
    return (await this.source.read(file))?.toString("utf8");
  }
  async parse(ref) {
    const data = /* @__PURE__ */ new Map();
    for (const f of ref.files) {
      const buf = await this.source.read(f);
      if (!buf) return `${f}: cannot be read`;
      if (!scanXml(buf.toString("utf8"))) return `${f}: not well-formed XML`;
      data.set(f, buf);
    }
    const doc = { ref, objects: /* @__PURE__ */ new Map(), fields: /* @__PURE__ */ new Map(), userPermissions: /* @__PURE__ */ new Map(), customSettings: /* @__PURE__ */ new Map(), members: [], muting: [] };
    const resolver = new import_source_deploy_retrieve.MetadataResolver(this.registry, virtualTree(data), false);
    const component = resolvePath(resolver, ref.xml).find((c) => c.xml === ref.xml);
    if (!component) return `${ref.xml}: SDR could not resolve it as a ${ref.kind}`;
    const type = this.registry.getTypeByName(KIND_IDS[ref.kind]);
    const elementOf = childElementNames(type);
    for (const file of ref.files) {
      let parsed;
      try {
        parsed = component.parseXmlSync(file);
      } catch (e) {
        return `${file}: not valid XML (${firstLine(e.message)})`;
      }
      collect(doc, unwrap(parsed, type.name, elementOf), file);
    }
    return doc;
  }
};
function safeType(registry, id) {
  try {
    return registry.getTypeByName(id);
  } catch {
    return void 0;
  }
}
function kindOf(c) {
  const n = c.type.name;
  return n === "PermissionSet" || n === "Profile" || n === "PermissionSetGroup" || n === "MutingPermissionSet" ? n : void 0;
}
function decodeName(name) {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
function childElementNames(type) {
  const out = /* @__PURE__ */ new Map();
  const children = type.children;
  if (!children?.directories) return out;
  for (const [dir, id] of Object.entries(children.directories)) {
    const t = children.types[id];
    if (t) out.set(t.name, dir);
  }
  return out;
}
function unwrap(parsed, typeName, elementOf) {
  const keys = Object.keys(parsed).filter((k) => !k.startsWith("?") && !k.startsWith("@_"));
  if (keys.length === 1) {
    const k = keys[0];
    const v = parsed[k];
    if (k === typeName && isObject(v)) return v;
    const element = elementOf.get(k);
    if (element) return { [element]: v };
  }
  return parsed;
}
function collect(doc, root, file) {
  for (const o of list(root.objectPermissions)) {
    const object = str(o.object);
    if (!object) continue;
    const key = object.toLowerCase();
    const prev = doc.objects.get(key);
    const g = {
      object,
      allowRead: bool(o.allowRead) || Boolean(prev?.allowRead),
      viewAllRecords: bool(o.viewAllRecords) || Boolean(prev?.viewAllRecords),
      modifyAllRecords: bool(o.modifyAllRecords) || Boolean(prev?.modifyAllRecords),
      viewAllFields: bool(o.viewAllFields) || Boolean(prev?.viewAllFields),
      file: prev?.file ?? file
    };
    doc.objects.set(key, g);
  }
  for (const f of list(root.fieldPermissions)) {
    const field = str(f.field);
    if (!field) continue;
    const key = field.toLowerCase();
    const prev = doc.fields.get(key);
    const readable = bool(f.readable) || Boolean(prev?.readable);
    doc.fields.set(key, { field, readable, file: prev && (prev.readable || !readable) ? prev.file : file });
  }
  for (const u of list(root.userPermissions)) flag(doc.userPermissions, str(u.name), bool(u.enabled), file);
  for (const c of list(root.customSettingAccesses)) flag(doc.customSettings, str(c.name), bool(c.enabled), file);
  for (const m of arr(root.permissionSets)) if (str(m)) doc.members.push(str(m));
  for (const m of arr(root.mutingPermissionSets)) if (str(m)) doc.muting.push(str(m));
}
function flag(map, name, enabled, file) {
  if (!name) return;
  const prev = map.get(name.toLowerCase());
  if (prev?.enabled) return;
  map.set(name.toLowerCase(), { name, enabled: enabled || Boolean(prev?.enabled), file: enabled || !prev ? file : prev.file });
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function arr(v) {
  return v === void 0 || v === null ? [] : Array.isArray(v) ? v : [v];
}
function list(v) {
  return arr(v).filter(isObject);
}
function str(v) {
  if (typeof v === "string") return stripNamespaceTokens(v.trim()) || void 0;
  if (isObject(v) && typeof v["#text"] === "string") return stripNamespaceTokens(v["#text"].trim()) || void 0;
  return void 0;
}
function bool(v) {
  return v === true || typeof v === "string" && v.trim().toLowerCase() === "true";
}
function firstLine(s) {
  return s.split("\n")[0] ?? s;
}

// src/access/repo.ts
var OBJECT_READ_FLAGS = ["allowRead", "viewAllRecords", "modifyAllRecords"];
var OBJECT_USER_PERMISSIONS = ["ViewAllData", "ModifyAllData"];
var SETTING_USER_PERMISSIONS = ["ViewAllCustomSettings", "ModifyAllCustomSettings", "ViewAllData", "ModifyAllData"];
function integrationUserConfigured(config) {
  return Boolean(config && (config.permissionSets.length || config.permissionSetGroups.length || config.profile));
}
async function buildRepoAccess(args) {
  const { config, head, base, project, delta, warn } = args;
  if (!integrationUserConfigured(config)) return UNKNOWN_ACCESS;
  const registry = await projectRegistry(head, warn);
  const headCatalog = await PermissionCatalog.build(head, registry, project.packageDirectories);
  const headModel = await userModel(headCatalog, config, project, warn);
  let baseModel;
  let relevant = [];
  if (base && delta.permissionFiles.length) {
    const baseRegistry = await projectRegistry(base);
    const baseCatalog = await PermissionCatalog.build(base, baseRegistry, project.packageDirectories);
    const candidate = await userModel(baseCatalog, config, project, () => {
    });
    relevant = delta.permissionFiles.filter((f) => headModel.files.has(f.path) || candidate.files.has(f.path) || f.previousPath !== void 0 && candidate.files.has(f.previousPath)).sort((a, b) => cmp(a.path, b.path));
    if (relevant.length) baseModel = candidate;
  }
  const view = new RepoAccess(headModel, baseModel, delta);
  if (baseModel) await view.computeRevoked(relevant);
  return view;
}
async function userModel(catalog, config, project, warn) {
  const model = { sources: [], missing: [], files: /* @__PURE__ */ new Set(), catalog };
  const where = project.packageDirectories.includes("") ? "the repository" : `the package directories (${project.packageDirectories.join(", ")})`;
  const load = async (kind, name, label, configKey, muting = false) => {
    const consequence = muting ? "what it mutes is not taken into account" : "access it grants cannot be checked from the repository";
    const refs = catalog.find(kind, name);
    if (!refs.length) {
      warn(`${label} (${configKey}) was not found in ${where}; ${consequence}`);
      if (!muting) model.missing.push(label);
      return void 0;
    }
    if (refs.length > 1) warn(`${label} is defined ${refs.length} times (${refs.map((r) => r.xml).join(", ")}); using ${refs[0].xml}`);
    const stray = refs[0].strayParts;
    if (stray.length) {
      warn(
        `${label}: ${stray.length} file(s) in its folder (${stray[0]}${stray.length > 1 ? ", \u2026" : ""}) are not part of it for SDR; if they are decomposed permissions, add "sourceBehaviorOptions": ["decomposePermissionSetBeta2"] (or "decomposePermissionSetBeta") to sfdx-project.json; ${consequence}`
      );
      if (!muting) model.missing.push(label);
      return void 0;
    }
    const doc = await catalog.load(refs[0]);
    if (typeof doc === "string") {
      warn(`${label}: ${doc}; ${consequence}`);
      if (!muting) model.missing.push(label);
      return void 0;
    }
    for (const f of doc.ref.files) model.files.add(f);
    return doc;
  };
  for (const name of config.permissionSets) {
    const doc = await load("PermissionSet", name, `permission set ${name}`, "integration-user.permission-sets");
    if (doc) {
      model.sources.push({ label: `permission set ${doc.ref.name}`, doc, muting: [] });
      model.target ??= targetOf(doc.ref);
    }
  }
  for (const name of config.permissionSetGroups) {
    const group = await load("PermissionSetGroup", name, `permission set group ${name}`, "integration-user.permission-set-groups");
    if (!group) continue;
    const muting = [];
    for (const m of group.muting) {
      const doc = await load("MutingPermissionSet", m, `muting permission set ${m} (in group ${group.ref.name})`, "integration-user.permission-set-groups", true);
      if (doc) muting.push(doc);
    }
    for (const m of group.members) {
      const doc = await load("PermissionSet", m, `permission set ${m} (in group ${group.ref.name})`, "integration-user.permission-set-groups");
      if (!doc) continue;
      model.sources.push({ label: `permission set ${doc.ref.name} (in group ${group.ref.name})`, doc, muting });
      model.target ??= targetOf(doc.ref);
    }
  }
  if (config.profile) {
    const doc = await load("Profile", config.profile, `profile ${config.profile}`, "integration-user.profile");
    if (doc) model.sources.push({ label: `profile ${doc.ref.name}`, doc, muting: [] });
    model.target ??= doc ? targetOf(doc.ref) : void 0;
  }
  if (!model.target) {
    if (config.permissionSets[0]) model.target = { kind: "PermissionSet", name: config.permissionSets[0] };
    else if (config.profile) model.target = { kind: "Profile", name: config.profile };
  }
  return model;
}
function targetOf(ref) {
  return { kind: ref.kind === "Profile" ? "Profile" : "PermissionSet", name: ref.name, file: ref.xml };
}
var RepoAccess = class {
  constructor(head, base, delta) {
    this.head = head;
    this.base = base;
    for (const c of delta.objects) {
      const m = c.after ?? c.before;
      if (c.kind === "deleted" && c.before) this.deletedObjects.add(c.before.name.toLowerCase());
      if (m?.customSettingsType) this.customSettings.add(m.name.toLowerCase());
    }
    for (const name of delta.customSettings ?? []) this.customSettings.add(name);
    for (const c of delta.fields) {
      if (c.kind === "deleted" && c.before) this.deletedFields.add(c.before.fullName.toLowerCase());
      if (c.after && (c.after.required || c.after.type === "MasterDetail")) this.exemptFields.add(c.after.fullName.toLowerCase());
    }
  }
  head;
  base;
  known = true;
  revokedList = [];
  customSettings = /* @__PURE__ */ new Set();
  deletedObjects = /* @__PURE__ */ new Set();
  deletedFields = /* @__PURE__ */ new Set();
  exemptFields = /* @__PURE__ */ new Set();
  /** One short line (it goes into every access finding): long lists are cut to the first few names. */
  describe() {
    this.description ??= (() => {
      const used = this.head.sources.map((s) => s.label);
      const list2 = used.length > 4 ? `${used.slice(0, 3).join("; ")} and ${used.length - 3} more` : used.join("; ");
      const missing = this.head.missing.length ? `; not found in the repository: ${this.head.missing.join(", ")}` : "";
      return `${used.length ? list2 : "no permission files found"}${missing}`;
    })();
    return this.description;
  }
  description;
  objectRead(object) {
    const name = stripNamespaceTokens(object);
    return this.answer((m) => objectGrant(m, name, this.isCustomSetting(name)));
  }
  fieldRead(field) {
    if (field.required || field.type === "MasterDetail") {
      const a = this.objectRead(field.object);
      const why = field.required ? "a required field" : "a master-detail field";
      return { ...a, via: a.via ? `${why}, readable with its object: ${a.via}` : void 0 };
    }
    const name = stripNamespaceTokens(field.fullName);
    return this.answer((m) => fieldGrant(m, name));
  }
  viewEncryptedData() {
    return this.answer((m) => userPermissionGrant(m, ["ViewEncryptedData"]));
  }
  revoked() {
    return this.revokedList;
  }
  grantTarget() {
    return this.head.target;
  }
  isCustomSetting(object) {
    return this.customSettings.has(object.toLowerCase());
  }
  answer(find) {
    const g = find(this.head);
    if (g) {
      const atBase = this.base ? find(this.base) : void 0;
      return { granted: true, source: this.base && !atBase ? "pull-request" : "repository", via: g.via };
    }
    if (this.head.missing.length) return { granted: void 0, via: `not granted by ${this.describe()}` };
    return { granted: false, source: "repository" };
  }
  /** Grants present at base that the head no longer gives (for objects and fields that still exist). */
  async computeRevoked(changed) {
    const base = this.base;
    if (!base || this.head.missing.length) return;
    const out = /* @__PURE__ */ new Map();
    const texts = /* @__PURE__ */ new Map();
    const scan = (catalog, file) => {
      const key = `${catalog === base.catalog ? "b" : "h"}:${file}`;
      let p = texts.get(key);
      if (!p) texts.set(key, p = catalog.text(file).then((t) => t === void 0 ? void 0 : scanXml(t)));
      return p;
    };
    const locate = async (kind, name, baseFile) => {
      const [element, keyChild, flag2] = kind === "object" ? ["objectPermissions", "object", "allowRead"] : ["fieldPermissions", "field", "readable"];
      const change = changed.find((c) => c.path === baseFile || c.previousPath === baseFile);
      if (!change) return { file: changed[0]?.path ?? baseFile, line: 1 };
      if (change.status !== "deleted") {
        const headEl = findGrantElement(await scan(this.head.catalog, change.path), element, keyChild, name);
        if (headEl) return { file: change.path, line: (headEl.children.find((c) => c.name === flag2) ?? headEl).line };
      }
      const baseEl = findGrantElement(await scan(base.catalog, baseFile), element, keyChild, name);
      return { file: change.path, line: baseEl?.line ?? 1 };
    };
    for (const src of base.sources) {
      for (const g of src.doc.objects.values()) {
        const key = g.object.toLowerCase();
        const flags = OBJECT_READ_FLAGS.filter((f) => g[f] && !muted(src, "object", key, f));
        if (!flags.length || out.has(`o:${key}`) || this.deletedObjects.has(key)) continue;
        if (objectGrant(this.head, g.object, this.isCustomSetting(g.object))) continue;
        const at = await locate("object", g.object, g.file);
        out.set(`o:${key}`, { kind: "object", name: g.object, ...at, via: `${src.label} (objectPermissions.${flags[0]})` });
      }
      for (const g of src.doc.fields.values()) {
        const key = g.field.toLowerCase();
        const object = key.split(".")[0];
        if (!g.readable || muted(src, "field", key, "readable") || out.has(`f:${key}`)) continue;
        if (this.deletedFields.has(key) || this.deletedObjects.has(object) || this.exemptFields.has(key)) continue;
        if (fieldGrant(this.head, g.field)) continue;
        const at = await locate("field", g.field, g.file);
        out.set(`f:${key}`, { kind: "field", name: g.field, ...at, via: `${src.label} (fieldPermissions.readable)` });
      }
    }
    this.revokedList = [...out.values()].sort((a, b) => cmp(a.kind, b.kind) || cmp(a.name, b.name));
  }
};
function objectGrant(model, object, customSetting) {
  const key = object.toLowerCase();
  for (const src of model.sources) {
    if (customSetting) {
      const c = src.doc.customSettings.get(key);
      if (c?.enabled && !muted(src, "setting", key, "enabled")) return { via: `${src.label} (customSettingAccesses.enabled)`, file: c.file };
    }
    const g = src.doc.objects.get(key);
    if (g) {
      const flag2 = OBJECT_READ_FLAGS.find((f) => g[f] && !muted(src, "object", key, f));
      if (flag2) return { via: `${src.label} (objectPermissions.${flag2})`, file: g.file };
    }
  }
  return userPermissionGrant(model, customSetting ? SETTING_USER_PERMISSIONS : OBJECT_USER_PERMISSIONS);
}
function fieldGrant(model, field) {
  const key = field.toLowerCase();
  const index = fieldIndex(model);
  return index.fields.get(key) ?? index.viewAllFields.get(key.slice(0, key.indexOf(".")));
}
var fieldIndexes = /* @__PURE__ */ new WeakMap();
function fieldIndex(model) {
  let index = fieldIndexes.get(model);
  if (index) return index;
  index = { fields: /* @__PURE__ */ new Map(), viewAllFields: /* @__PURE__ */ new Map() };
  for (const src of model.sources) {
    for (const [key, f] of src.doc.fields) {
      if (!index.fields.has(key) && f.readable && !muted(src, "field", key, "readable")) index.fields.set(key, { via: `${src.label} (fieldPermissions.readable)`, file: f.file });
    }
    for (const [object, o] of src.doc.objects) {
      if (!index.viewAllFields.has(object) && o.viewAllFields && !muted(src, "object", object, "viewAllFields"))
        index.viewAllFields.set(object, { via: `${src.label} (objectPermissions.viewAllFields on ${o.object})`, file: o.file });
    }
  }
  fieldIndexes.set(model, index);
  return index;
}
function userPermissionGrant(model, names) {
  for (const name of names) {
    for (const src of model.sources) {
      const u = src.doc.userPermissions.get(name.toLowerCase());
      if (u?.enabled && !muted(src, "user", name.toLowerCase(), "enabled")) return { via: `${src.label} (userPermissions.${name})`, file: u.file };
    }
  }
  return void 0;
}
function muted(src, kind, key, flag2) {
  for (const m of src.muting) {
    if (kind === "object") {
      const o = m.objects.get(key);
      if (o && (o.allowRead || flag2 in o && o[flag2] === true)) return true;
    } else if (kind === "field") {
      if (m.fields.get(key)?.readable) return true;
    } else if (kind === "user") {
      if (m.userPermissions.get(key)?.enabled) return true;
    } else if (m.customSettings.get(key)?.enabled) return true;
  }
  return false;
}
function findGrantElement(root, element, keyChild, name) {
  if (!root) return void 0;
  const want = name.toLowerCase();
  const matches = (el) => stripNamespaceTokens(childText(el, keyChild) ?? "").toLowerCase() === want;
  for (const el of root.children) if (el.name === element && matches(el)) return el;
  return matches(root) ? root : void 0;
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/access/fix.ts
import { readFileSync, writeFileSync } from "node:fs";
import path2 from "node:path";
var FixError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "FixError";
  }
};
var SHAPE = {
  field: { element: "fieldPermissions", key: "field", flag: "readable" },
  object: { element: "objectPermissions", key: "object", flag: "allowRead" },
  customSetting: { element: "customSettingAccesses", key: "name", flag: "enabled" }
};
function insertGrants(text, grants) {
  let out = text;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  for (const grant of sortGrants(grants)) {
    const root = scanXml(out);
    if (!root) throw new FixError("not a well-formed XML document");
    if (root.end === root.openEnd) {
      throw new FixError(`the root element <${root.name}/> is empty and self-closing; write it as <${root.name}></${root.name}> first`);
    }
    const shape = SHAPE[grant.kind];
    const name = stripNamespaceTokens(grant.name);
    const existing = root.children.find((c) => c.name === shape.element && keyOf(c, shape.key).toLowerCase() === name.toLowerCase());
    if (existing) {
      out = setFlag(out, existing, shape.flag, eol);
      continue;
    }
    const { outer, inner } = indentation(out, root);
    const before = root.children.find((c) => compareElements(c.name, keyOf(c, keyField(c.name)), shape.element, name) > 0);
    const lines = grantLines({ ...grant, name }, outer, inner);
    out = insertBefore(out, before ?? null, root, lines, eol);
  }
  return out;
}
function compareElements(aName, aKey, bName, bKey) {
  if (aName !== bName) return aName < bName ? -1 : 1;
  return aKey < bKey ? -1 : aKey > bKey ? 1 : 0;
}
function keyField(element) {
  for (const s of Object.values(SHAPE)) if (s.element === element) return s.key;
  return "name";
}
function keyOf(el, key) {
  return stripNamespaceTokens(childText(el, key) ?? "");
}
function sortGrants(grants) {
  const seen = /* @__PURE__ */ new Set();
  return grants.filter((g) => {
    const k = `${g.kind}:${g.name.toLowerCase()}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }).sort((a, b) => a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
function setFlag(text, el, flag2, eol) {
  const child = el.children.find((c) => c.name === flag2);
  if (child) {
    if (child.text.trim() === "true") return text;
    if (child.closeStart === child.openEnd) return text.slice(0, child.start) + `<${flag2}>true</${flag2}>` + text.slice(child.end);
    return text.slice(0, child.openEnd) + "true" + text.slice(child.closeStart);
  }
  const after = el.children.find((c) => c.name > flag2);
  const inner = el.children[0] ? leadingIndent(text, el.children[0].start) : void 0;
  const line = `${inner ?? ""}<${flag2}>true</${flag2}>`;
  if (inner !== void 0) {
    const at2 = after ? lineStart(text, after.start) : lineStart(text, el.closeStart);
    if (after || leadingIndent(text, el.closeStart) !== void 0) return text.slice(0, at2) + line + eol + text.slice(at2);
  }
  const at = after ? after.start : el.closeStart;
  return text.slice(0, at) + `<${flag2}>true</${flag2}>` + text.slice(at);
}
function insertBefore(text, before, root, lines, eol) {
  const anchor = before ? before.start : root.closeStart;
  if (leadingIndent(text, anchor) !== void 0) {
    const at = lineStart(text, anchor);
    return text.slice(0, at) + lines.join(eol) + eol + text.slice(at);
  }
  return text.slice(0, anchor) + lines.map((l) => l.trim()).join("") + text.slice(anchor);
}
function indentation(text, root) {
  let outer;
  let inner;
  for (const c of root.children) {
    outer ??= leadingIndent(text, c.start);
    for (const g of c.children) {
      inner ??= leadingIndent(text, g.start);
      if (inner !== void 0) break;
    }
    if (outer !== void 0 && inner !== void 0) break;
  }
  outer ??= "    ";
  inner ??= outer + (outer.includes("	") ? "	" : outer.length ? outer : "    ");
  return { outer, inner };
}
function leadingIndent(text, offset) {
  const start = lineStart(text, offset);
  const before = text.slice(start, offset);
  return /^[ \t]*$/.test(before) ? before : void 0;
}
function lineStart(text, offset) {
  return text.lastIndexOf("\n", offset - 1) + 1;
}
function writeFixes(args) {
  const { root, target, grants, warn } = args;
  if (!grants.length) return [];
  if (!target) {
    warn("--fix: no integration-user permission set or profile is configured, so there is no file to add the grants to");
    return [];
  }
  const who = `${target.kind === "Profile" ? "profile" : "permission set"} ${target.name}`;
  if (!target.file) {
    warn(`--fix: ${who} is not in this repository; add the grants in the org instead`);
    return [];
  }
  const abs = path2.resolve(root, target.file);
  let text;
  try {
    text = readFileSync(abs, "utf8");
  } catch (e) {
    warn(`--fix: cannot read ${target.file} (${e.code ?? e.message})`);
    return [];
  }
  if (isDecomposed(root, abs)) {
    warn(`--fix: ${who} is decomposed into a folder (${target.file}); --fix only edits single-file permission sets, so add the grants by hand`);
    return [];
  }
  let updated;
  try {
    updated = insertGrants(text, grants);
  } catch (e) {
    warn(`--fix: ${target.file}: ${e.message}; nothing written`);
    return [];
  }
  if (updated === text) return [];
  writeFileSync(abs, updated, "utf8");
  return [target.file];
}
function isDecomposed(root, abs) {
  try {
    const registry = new import_source_deploy_retrieve.RegistryAccess(void 0, root);
    const [c] = new import_source_deploy_retrieve.MetadataResolver(registry, void 0, false).getComponentsFromPath(abs);
    return Boolean(c?.content);
  } catch {
    return false;
  }
}
function grantsFromFindings(findings, delta) {
  const settings = delta ? customSettingNames(delta) : /* @__PURE__ */ new Set();
  const out = [];
  for (const f of findings) {
    if (f.ruleId === "field-access") out.push({ kind: "field", name: f.component.name });
    else if (f.ruleId === "object-access") out.push({ kind: settings.has(f.component.name.toLowerCase()) ? "customSetting" : "object", name: f.component.name });
  }
  return sortGrants(out);
}
export {
  FixError,
  accessNotConfiguredSentence,
  buildRepoAccess,
  grantFix,
  grantXml,
  grantsFromFindings,
  insertGrants,
  integrationUserConfigured,
  isCustomField,
  notBackedUpAnyway,
  projectRegistry,
  virtualTree,
  writeFixes
};
