import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import {
  plural
} from "./chunk-42OHE6R2.js";
import {
  customSettingNames,
  grantFix,
  isCustomField,
  namespaceOf,
  notBackedUpAnyway,
  objectKind
} from "./chunk-EXA37RQX.js";

// src/rules/catalog.ts
var DOCS = {
  considerations: "https://help.salesforce.com/s/articleView?id=xcloud.backup_restore_consideration.htm&language=en_US&type=5",
  permissions: "https://help.salesforce.com/s/articleView?id=xcloud.backup_restore_permissions.htm&language=en_US&type=5",
  policy: "https://help.salesforce.com/s/articleView?id=xcloud.backup_restore_create_policy.htm&language=en_US&type=5",
  classicEncryption: "https://developer.salesforce.com/docs/atlas.en-us.securityImplGuide.meta/securityImplGuide/fields_about_encrypted_fields.htm",
  platformEvents: "https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/platform_events_considerations.htm",
  changeEvents: "https://developer.salesforce.com/docs/industries/industries-common-dev/guide/sforce-api-associated-objects-list.html",
  bulkQueries: "https://developer.salesforce.com/docs/platform/api-asynch/guide/queries.html",
  customObject: "https://developer.salesforce.com/docs/platform/api-metadata/references/meta-types/metadata-customfield.html",
  bigObjects: "https://developer.salesforce.com/docs/platform/big-object-impl-guide/guide/big-object-define.html",
  fieldPermissions: "https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_fieldpermissions.htm",
  vendorExclusions: "https://documentation.commvault.com/2024/expert/salesforce_objects_not_included_in_backups.html"
};
var BULK_UNSUPPORTED = /* @__PURE__ */ new Set([
  "AcceptedEventRelation",
  "DeclinedEventRelation",
  "UndecidedEventRelation",
  "EventWhoRelation",
  "TaskWhoRelation",
  "CaseStatus",
  "ContractStatus",
  "OrderStatus",
  "PartnerRole",
  "SolutionStatus",
  "TaskPriority",
  "TaskStatus",
  "LeadStatus",
  "OpportunityStage",
  "RecentlyViewed",
  "UserRecordAccess",
  "FieldSecurityClassification",
  "AttachedContentNote",
  "QuoteTemplateRichTextData",
  "AggregateResult",
  "Name",
  "OpenActivity",
  "ActivityHistory",
  "NoteAndAttachment",
  "CombinedAttachment",
  "LookedUpFromActivity",
  "OwnedContentDocument",
  "FolderedContentDocument",
  "ContentFolderItem",
  "ProcessInstanceHistory",
  "EmailStatus",
  "CaseTeamMember",
  "CaseTeamRole",
  "CaseTeamTemplate",
  "CaseTeamTemplateMember",
  "CaseTeamTemplateRecord",
  "KnowledgeArticle",
  "KnowledgeArticleVersion",
  "KnowledgeArticleVersionHistory",
  "KnowledgeArticleViewStat",
  "KnowledgeArticleVoteStat"
]);
var SYSTEM_FIELDS = ["CreatedDate", "LastModifiedDate", "SystemModstamp"];
function documentedMissingSystemFields(object) {
  if (object.includes("__")) return void 0;
  if (object === "ContentDocumentLink" || object === "LightningUsageByAppTypeMetrics") return ["CreatedDate", "LastModifiedDate"];
  if (object === "AttachedContentDocument") return ["SystemModstamp"];
  if (object === "LoginIp") return ["LastModifiedDate", "SystemModstamp"];
  if (object === "OpportunityFieldHistory" || object.endsWith("History") && object !== "History" && !BULK_UNSUPPORTED.has(object))
    return ["LastModifiedDate", "SystemModstamp"];
  if (object.endsWith("Share") && object !== "Share") return ["CreatedDate", "SystemModstamp"];
  return void 0;
}

// src/rules/helpers.ts
function objectRef(name) {
  return { type: "CustomObject", name, object: name };
}
function fieldRef(f) {
  return { type: "CustomField", name: f.fullName, object: f.object };
}
function lineOf(lines, ...keys) {
  for (const k of keys) if (lines[k] !== void 0) return lines[k];
  return lines[""] ?? 1;
}
var addedCache = /* @__PURE__ */ new WeakMap();
function added(ctx) {
  let a = addedCache.get(ctx.delta);
  if (!a) {
    const fields = ctx.delta.fields.filter((c) => c.kind === "added").map((c) => c.after);
    const fieldsPerObject = /* @__PURE__ */ new Map();
    for (const f of fields) fieldsPerObject.set(f.object, (fieldsPerObject.get(f.object) ?? 0) + 1);
    a = { objects: ctx.delta.objects.filter((c) => c.kind === "added").map((c) => c.after), fields, fieldsPerObject };
    addedCache.set(ctx.delta, a);
  }
  return a;
}
function addedObjects(ctx) {
  return added(ctx).objects;
}
function addedFields(ctx) {
  return added(ctx).fields;
}
function objectOrFieldHits(ctx, applies, message, extra = {}) {
  const hits = [];
  const newObjects = /* @__PURE__ */ new Set();
  const { fieldsPerObject } = added(ctx);
  const verdicts = /* @__PURE__ */ new Map();
  const appliesOnce = (o) => {
    let v = verdicts.get(o);
    if (v === void 0) verdicts.set(o, v = applies(o));
    return v;
  };
  for (const o of addedObjects(ctx)) {
    if (!appliesOnce(o.name)) continue;
    newObjects.add(o.name);
    hits.push({ component: objectRef(o.name), file: o.file, line: lineOf(o.lines), message: message(o.name, void 0, fieldsPerObject.get(o.name) ?? 0), ...extra });
  }
  const perObject = /* @__PURE__ */ new Map();
  for (const f of addedFields(ctx)) {
    if (newObjects.has(f.object) || !appliesOnce(f.object)) continue;
    const list = perObject.get(f.object);
    if (list) list.push(f);
    else perObject.set(f.object, [f]);
  }
  for (const [object, fields] of perObject) {
    fields.sort((a, b) => a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0);
    const first = fields[0];
    const component = fields.length === 1 ? fieldRef(first) : objectRef(object);
    hits.push({ component, file: first.file, line: lineOf(first.lines), message: message(object, fields), ...extra });
  }
  return hits;
}
function newFields(object, fields, kind = "") {
  if (fields.length === 1) return `${fields[0].fullName} is a new field on ${kind}${object}`;
  const names = fields.map((f) => f.name);
  const list = names.length > 5 ? `${names.slice(0, 4).join(", ")} and ${names.length - 4} more` : names.join(", ");
  return `${object} gets ${fields.length} new fields (${list})`;
}
function withFields(count) {
  return count ? ` (and its ${plural(count, "new field")})` : "";
}
function switchedOn(ctx, change, key, on) {
  const { before, after } = change;
  if (change.kind === "deleted" || !after || !on(after)) return false;
  const custom = after.name.includes("__");
  if (!before) return custom || ctx.full;
  if (on(before)) return false;
  return custom || before.raw[key.split(".")[0]] !== void 0;
}

// src/rules/backup-policy.ts
var rule = {
  id: "backup-policy",
  title: "New object must be added to the backup policy",
  defaultSeverity: "notice",
  evidence: "inferred",
  docsUrl: DOCS.policy,
  description: "A backup policy lists the objects it backs up; nothing documents that new objects are picked up automatically.",
  fix: "After deploying, add the object to your Salesforce Backup policy (Backup > Policies) so that its records are backed up.",
  check: (ctx) => addedObjects(ctx).filter((o) => objectKind(o.name) === "custom" && (!namespaceOf(o.name) || namespaceOf(o.name) === ctx.project.namespace)).map((o) => ({
    component: objectRef(o.name),
    file: o.file,
    line: lineOf(o.lines),
    message: `${o.name} is a new ${o.customSettingsType ? "custom setting" : "custom object"}: its records are backed up only once it is added to the Salesforce Backup policy.`
  }))
};

// src/rules/big-object.ts
var rule2 = {
  id: "big-object",
  title: "Big object records are not backed up",
  defaultSeverity: "error",
  evidence: "official",
  docsUrl: DOCS.considerations,
  description: "Salesforce Backup does not back up records in big objects (`__b`), so their data cannot be restored from a backup.",
  fix: "Keep the data somewhere Salesforce Backup covers (a custom object), or export the big object on a schedule (Bulk API or Async SOQL to external storage) and record that with an ignore entry.",
  check: (ctx) => objectOrFieldHits(
    ctx,
    (o) => objectKind(o) === "big",
    (o, f, n) => f ? `${newFields(o, f, "big object ")}: Salesforce Backup does not back up big-object records, so this data cannot be restored.` : `${o} is a big object${withFields(n)}: Salesforce Backup does not back up big-object records, so this data cannot be restored.`
  )
};

// src/rules/bulk-api-unsupported.ts
var VENDOR_KINDS = /* @__PURE__ */ new Set(["knowledge", "data-cloud", "historical-trending"]);
function reason(ctx, object) {
  const queryable = ctx.org?.objectFields(object) ? ctx.org.queryable(object) : void 0;
  if (queryable === false) return { text: "the org reports it is not queryable", fromOrg: true };
  if (BULK_UNSUPPORTED.has(object)) return { text: "backup vendors report that the Bulk API cannot query it", fromOrg: false };
  const kind = objectKind(object);
  if (VENDOR_KINDS.has(kind)) return { text: `backup vendors exclude ${kind.replace("-", " ")} objects (${object.slice(object.lastIndexOf("__"))}); Salesforce does not confirm it`, fromOrg: false };
  return void 0;
}
var rule3 = {
  id: "bulk-api-unsupported",
  title: "Object the Bulk API cannot query",
  defaultSeverity: "warning",
  evidence: "vendor",
  docsUrl: DOCS.bulkQueries,
  description: "Salesforce Backup reads data through the Bulk API; objects the Bulk API cannot query are not backed up. Salesforce publishes no list, so the list comes from Salesforce docs and backup vendors.",
  fix: "Do not rely on Salesforce Backup for this object: keep the data in a queryable object or export it another way.",
  check(ctx) {
    return objectOrFieldHits(
      ctx,
      (o) => reason(ctx, o) !== void 0,
      (o, f, n) => {
        const r = reason(ctx, o);
        return f ? `${newFields(o, f)}, which Salesforce Backup cannot read through the Bulk API: ${r.text}.` : `${o}${withFields(n)} is not backed up: Salesforce Backup reads through the Bulk API and ${r.text}.`;
      }
    ).map((h) => reason(ctx, h.component.object)?.fromOrg ? { ...h, source: "org", evidence: "inferred" } : h);
  }
};

// src/rules/change-data-capture.ts
function entityObject(entity) {
  if (entity.endsWith("__ChangeEvent")) return `${entity.slice(0, -"__ChangeEvent".length)}__c`;
  return entity.endsWith("ChangeEvent") ? entity.slice(0, -"ChangeEvent".length) : entity;
}
var rule4 = {
  id: "change-data-capture",
  title: "Change data capture events are not backed up",
  defaultSeverity: "notice",
  evidence: "official",
  docsUrl: DOCS.changeEvents,
  description: "Change events (`\u2026ChangeEvent`) are a stream, not queryable records; Salesforce Backup cannot back them up.",
  fix: "If subscribers need a history of changes, store it in a custom object; the change event stream itself cannot be restored.",
  check(ctx) {
    const hits = ctx.delta.channelMembers.filter((c) => c.kind === "added" && c.after?.selectedEntity && (c.after.selectedEntity.endsWith("ChangeEvent") || c.after.eventChannel === "ChangeEvents")).map((c) => {
      const m = c.after;
      const object = entityObject(m.selectedEntity);
      return {
        component: { type: "PlatformEventChannelMember", name: m.name, object },
        file: m.file,
        line: lineOf(m.lines, "selectedEntity"),
        message: `Change data capture is turned on for ${object} (${m.selectedEntity}): change events are not queryable, so Salesforce Backup does not back them up.`
      };
    });
    return hits.concat(
      objectOrFieldHits(ctx, (o) => objectKind(o) === "change-event", (o) => `${o} is a change data capture stream: it is not queryable, so Salesforce Backup does not back it up.`)
    );
  }
};

// src/rules/custom-metadata.ts
var rule5 = {
  id: "custom-metadata",
  title: "Custom metadata records are metadata, not data",
  defaultSeverity: "notice",
  evidence: "inferred",
  docsUrl: DOCS.considerations,
  description: "Custom metadata type (`__mdt`) records are metadata deployed from source; Salesforce data backup is not where they are protected.",
  fix: "Keep the records in source control and deploy them with the rest of the metadata; that is their backup.",
  check: (ctx) => objectOrFieldHits(
    ctx,
    (o) => objectKind(o) === "custom-metadata",
    (o, f, n) => f ? `${newFields(o, f)}, which is a custom metadata type: its records are metadata, restored by deploying from source control, not by Salesforce Backup.` : `${o}${withFields(n)} is a custom metadata type: its records are metadata, restored by deploying from source control, not by Salesforce Backup.`
  )
};

// src/rules/encrypted-field-access.ts
var VIEW_ENCRYPTED_XML = "<userPermissions><enabled>true</enabled><name>ViewEncryptedData</name></userPermissions>";
var rule6 = {
  id: "encrypted-field-access",
  title: "Classic-encrypted field needs View Encrypted Data",
  defaultSeverity: "error",
  evidence: "official",
  docsUrl: DOCS.permissions,
  description: "Fields with Classic Encryption (`EncryptedText`) are backed up only if the integration user has View Encrypted Data; without it their data is not backed up and cannot be restored.",
  fix: `Give the Salesforce Backup integration user View Encrypted Data: add ${VIEW_ENCRYPTED_XML} to one of its permission sets.`,
  check(ctx) {
    const hits = [];
    const answer = ctx.access.viewEncryptedData();
    if (answer.granted === true) return hits;
    const target = ctx.access.grantTarget();
    for (const c of ctx.delta.fields) {
      if (c.kind === "deleted" || c.after.type !== "EncryptedText" || c.before?.type === "EncryptedText") continue;
      const f = c.after;
      const base = { component: fieldRef(f), file: f.file, line: lineOf(f.lines, "type") };
      if (answer.granted === false) {
        hits.push({
          ...base,
          severity: "error",
          source: answer.source,
          message: `${f.fullName} uses Classic Encryption and the integration user (${ctx.access.describe()}) lacks View Encrypted Data: its values are not backed up and cannot be restored.`,
          fix: target ? `Add ${VIEW_ENCRYPTED_XML} to ${target.kind === "Profile" ? "profile" : "permission set"} ${target.name}${target.file ? ` (${target.file})` : ""}.` : void 0
        });
      } else {
        hits.push({
          ...base,
          severity: "warning",
          message: `${f.fullName} uses Classic Encryption: it is backed up only if the integration user has View Encrypted Data, which could not be checked (${ctx.access.describe()}).`
        });
      }
    }
    return hits;
  }
};

// src/rules/external-object.ts
var rule7 = {
  id: "external-object",
  title: "External object data lives outside Salesforce",
  defaultSeverity: "notice",
  evidence: "official",
  docsUrl: DOCS.considerations,
  description: "The data of external objects (`__x`) stays in the external system; Salesforce Backup does not back it up.",
  fix: "Back up the external system itself; Salesforce Backup cannot restore this data.",
  check: (ctx) => objectOrFieldHits(
    ctx,
    (o) => objectKind(o) === "external",
    (o, f, n) => f ? `${newFields(o, f)}, which is an external object: its data lives in the external system, which Salesforce Backup does not back up.` : `${o}${withFields(n)} is an external object: its data lives in the external system, which Salesforce Backup does not back up.`
  )
};

// src/rules/field-access.ts
var DOCS2 = "https://help.salesforce.com/s/articleView?id=xcloud.backup_restore_permissions.htm&language=en_US&type=5";
var rule8 = {
  id: "field-access",
  title: "Field not readable by the backup integration user",
  defaultSeverity: "error",
  evidence: "official",
  docsUrl: DOCS2,
  description: "Salesforce Backup reads data as an integration user, so a field that user cannot read (field-level security) is not backed up and cannot be restored. Required and master-detail fields are readable whenever their object is.",
  fix: "Give the integration user read access to the field (fieldPermissions readable) in one of its permission sets.",
  check(ctx) {
    const { access, delta } = ctx;
    if (!access.known) return [];
    const target = access.grantTarget();
    const settings = customSettingNames(delta);
    const hits = [];
    for (const c of delta.fields) {
      if (!c.after || !needsCheck(c)) continue;
      const f = c.after;
      if (notBackedUpAnyway(f.object) || settings.has(f.object.toLowerCase())) continue;
      const answer = access.fieldRead(f);
      if (answer.granted !== false) continue;
      const what = c.kind === "added" ? `${ctx.full ? "Field" : "New field"} ${f.fullName}` : `Field ${f.fullName} is no longer ${c.before.required ? "required" : "master-detail"}, and it`;
      const consequence = f.formula ? "so backups will not contain it (it is a formula, recomputed after a restore, so no stored data is lost)" : "so its data will not be backed up or restored";
      hits.push({
        component: { type: "CustomField", name: f.fullName, object: f.object },
        file: f.file,
        line: (c.kind === "added" ? f.lines[""] : f.lines.required ?? f.lines.type ?? f.lines[""]) ?? 1,
        message: `${what} is not readable by the Salesforce Backup integration user (checked ${access.describe()}), ${consequence}.`,
        fix: grantFix({ kind: "field", name: f.fullName }, target),
        source: answer.source ?? "repository",
        ...f.formula ? { severity: "notice" } : {}
      });
    }
    for (const r of access.revoked()) {
      if (r.kind !== "field") continue;
      const object = r.name.slice(0, r.name.indexOf("."));
      if (notBackedUpAnyway(object)) continue;
      hits.push({
        component: { type: "CustomField", name: r.name, object },
        file: r.file,
        line: r.line,
        message: `This change takes read access to ${r.name} away from the Salesforce Backup integration user (it came from ${r.via}), so its data will stop being backed up.`,
        fix: `Keep read access: ${lowerFirst(grantFix({ kind: "field", name: r.name }, target))}`,
        source: "pull-request"
      });
    }
    return hits;
  }
};
function needsCheck(c) {
  const f = c.after;
  if (f.required || f.type === "MasterDetail" || !isCustomField(f.name)) return false;
  if (c.kind === "added") return true;
  const b = c.before;
  return c.kind === "modified" && b !== void 0 && (b.required || b.type === "MasterDetail");
}
function lowerFirst(s) {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

// src/rules/history-tracking.ts
var PRIVATE_SHARING = /* @__PURE__ */ new Set(["Private", "Read"]);
var DATA_KINDS = /* @__PURE__ */ new Set(["custom", "standard"]);
var rule9 = {
  id: "history-tracking",
  title: "Generated History, Feed or Share rows are not backed up",
  defaultSeverity: "notice",
  evidence: "inferred",
  docsUrl: DOCS.considerations,
  description: "History tracking, feed tracking and a private sharing model make Salesforce generate `__History`, `__Feed` and `__Share` rows; those tables lack the system fields or Bulk API support Salesforce Backup needs, so the rows are likely not backed up.",
  fix: "Treat field history, feed items and manual shares of this object as not restorable; if you need them, export them separately (for example with Field Audit Trail or a report export).",
  check(ctx) {
    const hits = [];
    for (const c of ctx.delta.objects) {
      if (c.kind === "deleted" || !DATA_KINDS.has(objectKind(c.after.name))) continue;
      const o = c.after;
      const isNew = c.kind === "added" && !ctx.full;
      const ref = objectRef(o.name);
      if (switchedOn(ctx, c, "enableHistory", (m) => m.enableHistory))
        hits.push({ component: ref, file: o.file, line: lineOf(o.lines, "enableHistory"), message: `${isNew ? "New object " : ""}${o.name} has field history tracking turned on: its ${historyTable(o.name)} rows are not backed up by Salesforce Backup.` });
      if (switchedOn(ctx, c, "enableFeeds", (m) => m.enableFeeds))
        hits.push({ component: ref, file: o.file, line: lineOf(o.lines, "enableFeeds"), message: `${isNew ? "New object " : ""}${o.name} has feed tracking turned on: its ${suffixTable(o.name, "Feed")} rows are not backed up by Salesforce Backup.` });
      if (switchedOn(ctx, c, "sharingModel", (m) => PRIVATE_SHARING.has(m.sharingModel ?? "")))
        hits.push({ component: ref, file: o.file, line: lineOf(o.lines, "sharingModel"), message: `${isNew ? "New object " : ""}${o.name} has sharing model ${o.sharingModel}: its ${suffixTable(o.name, "Share")} rows (manual and rule-based shares) are not backed up by Salesforce Backup.` });
    }
    for (const c of ctx.delta.fields) {
      if (!switchedOn(ctx, c, "trackHistory", (f2) => f2.trackHistory)) continue;
      const f = c.after;
      if (ctx.delta.objects.some((o) => o.kind === "added" && o.after.name === f.object)) continue;
      hits.push({ component: fieldRef(f), file: f.file, line: lineOf(f.lines, "trackHistory"), message: `${c.kind === "added" ? `New field ${f.fullName} has` : `${f.fullName} now has`} history tracking: its changes go to ${historyTable(f.object)} rows, which Salesforce Backup does not back up.` });
    }
    return hits;
  }
};
function historyTable(object) {
  return object.endsWith("__c") ? `${object.slice(0, -3)}__History` : `${object}History`;
}
function suffixTable(object, kind) {
  return object.endsWith("__c") ? `${object.slice(0, -3)}__${kind}` : `${object}${kind}`;
}

// src/rules/managed-package-license.ts
function foreignNamespace(ctx, object) {
  if (objectKind(object) !== "custom") return void 0;
  const ns = namespaceOf(object);
  if (!ns || ns.toLowerCase() === ctx.project.namespace?.toLowerCase()) return void 0;
  if (ctx.org?.hasPackageLicense(ns) === true) return void 0;
  return ns;
}
var rule10 = {
  id: "managed-package-license",
  title: "Managed-package object needs the package licence",
  defaultSeverity: "warning",
  evidence: "official",
  docsUrl: DOCS.considerations,
  description: "Custom objects from a managed package that is not site-wide are backed up only if the integration user holds a licence for that package.",
  fix: "Assign the package licence to the Salesforce Backup integration user (Setup > Installed Packages > Manage Licenses), or confirm the package is licensed site-wide.",
  check(ctx) {
    return objectOrFieldHits(
      ctx,
      (o) => foreignNamespace(ctx, o) !== void 0,
      (o, f, n) => {
        const ns = foreignNamespace(ctx, o);
        const what = f ? `${newFields(o, f)} from managed package "${ns}"` : `${o}${withFields(n)} belongs to managed package "${ns}"`;
        return ctx.org?.hasPackageLicense(ns) === false ? `${what}: the org shows no "${ns}" licence on the integration user, so it is backed up only if the package is licensed site-wide.` : `${what}: it is backed up only if the package is licensed site-wide or the integration user holds its licence.`;
      }
    ).map((h) => ctx.org?.hasPackageLicense(foreignNamespace(ctx, h.component.object)) === false ? { ...h, source: "org" } : h);
  }
};

// src/rules/missing-system-fields.ts
function missing(ctx, object) {
  const described = ctx.org?.objectFields(object);
  if (described) {
    const lacking = SYSTEM_FIELDS.filter((f) => !described.has(f));
    return lacking.length ? { fields: lacking, fromOrg: true } : void 0;
  }
  const documented = objectKind(object) === "standard" ? documentedMissingSystemFields(object) : void 0;
  return documented ? { fields: documented, fromOrg: false } : void 0;
}
var rule11 = {
  id: "missing-system-fields",
  title: "Object lacks the system fields Salesforce Backup needs",
  defaultSeverity: "error",
  evidence: "official",
  docsUrl: DOCS.considerations,
  description: "Salesforce Backup skips standard objects that lack CreatedDate, LastModifiedDate or SystemModstamp; the backup log shows NOT_VISIBLE for them.",
  fix: "Keep data that must be restorable in an object that has all three system fields (any custom object does), or back this object up another way.",
  check(ctx) {
    return objectOrFieldHits(
      ctx,
      (o) => missing(ctx, o) !== void 0,
      (o, f, n) => {
        const m = missing(ctx, o);
        const what = `${o} has no ${m.fields.join(" or ")}${m.fromOrg ? " (org describe)" : ""}`;
        return f ? `${newFields(o, f)}, which Salesforce Backup skips: ${what}, so its records show NOT_VISIBLE in the backup log.` : `${what}${withFields(n)}: Salesforce Backup skips it (NOT_VISIBLE in the backup log), so its records are not backed up.`;
      }
    ).map((h) => missing(ctx, h.component.object)?.fromOrg ? { ...h, source: "org" } : h);
  }
};

// src/rules/object-access.ts
var DOCS3 = "https://help.salesforce.com/s/articleView?id=xcloud.backup_restore_permissions.htm&language=en_US&type=5";
var rule12 = {
  id: "object-access",
  title: "Object not readable by the backup integration user",
  defaultSeverity: "error",
  evidence: "official",
  docsUrl: DOCS3,
  description: "Salesforce Backup runs as an integration user and backs up only the objects that user can read. A new object, or an object that gets new fields, without Read access for that user is not backed up and cannot be restored.",
  fix: "Give the integration user Read on the object (objectPermissions allowRead) in one of its permission sets.",
  check(ctx) {
    const { access, delta } = ctx;
    if (!access.known) return [];
    const target = access.grantTarget();
    const settings = customSettingNames(delta);
    const candidates = /* @__PURE__ */ new Map();
    const entry = (name) => {
      const key = name.toLowerCase();
      let e = candidates.get(key);
      if (!e) candidates.set(key, e = { name, fields: [] });
      return e;
    };
    for (const c of delta.objects) if (c.kind === "added" && c.after && (ctx.full || c.after.name.includes("__"))) entry(c.after.name).model = c.after;
    for (const c of delta.fields) {
      const f = c.after;
      if (c.kind === "added" && f && isCustomField(f.name)) entry(f.object).fields.push(f);
    }
    const hits = [];
    for (const e of [...candidates.values()].sort((a, b) => cmp(a.name, b.name))) {
      if (notBackedUpAnyway(e.name)) continue;
      const answer = access.objectRead(e.name);
      if (answer.granted !== false) continue;
      const setting = settings.has(e.name.toLowerCase());
      const grant = { kind: setting ? "customSetting" : "object", name: e.name };
      const fields = e.fields.sort((a, b) => cmp(a.fullName, b.fullName));
      const at = e.model ?? fields[0];
      const what = e.model ? `${ctx.full ? "" : "New "}${setting ? "custom setting" : "object"} ${e.name}`.replace(/^[a-z]/, (c) => c.toUpperCase()) : `${e.name} gets ${fields.length === 1 ? `a new field (${fields[0].name})` : `${fields.length} new fields (${fields.map((f) => f.name).join(", ")})`} but it`;
      hits.push({
        component: { type: "CustomObject", name: e.name, object: e.name },
        file: at.file,
        line: at.lines[""] ?? 1,
        message: `${what} is not readable by the Salesforce Backup integration user (checked ${access.describe()}), so its records will not be backed up or restored.`,
        fix: grantFix(grant, target),
        source: answer.source ?? "repository"
      });
    }
    for (const r of access.revoked()) {
      if (r.kind !== "object" || notBackedUpAnyway(r.name)) continue;
      const setting = settings.has(r.name.toLowerCase());
      hits.push({
        component: { type: "CustomObject", name: r.name, object: r.name },
        file: r.file,
        line: r.line,
        message: `This change takes Read on ${r.name} away from the Salesforce Backup integration user (it came from ${r.via}), so its records will stop being backed up.`,
        fix: `Keep read access: ${lowerFirst2(grantFix({ kind: setting ? "customSetting" : "object", name: r.name }, target))}`,
        source: "pull-request"
      });
    }
    return hits;
  }
};
function lowerFirst2(s) {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/rules/person-account-relation.ts
var rule13 = {
  id: "person-account-relation",
  title: "Person account relations are not restored",
  defaultSeverity: "notice",
  evidence: "official",
  docsUrl: DOCS.considerations,
  description: "With Person Accounts, the AccountContactRelation between a person account and a business account is not restored by Salesforce Backup.",
  fix: "Export AccountContactRelation rows that link person accounts separately, so that they can be recreated after a restore.",
  check(ctx) {
    const hits = objectOrFieldHits(
      ctx,
      (o) => o === "AccountContactRelation" || o === "PersonAccount",
      (o, f, n) => f ? `${newFields(o, f)}: relations between person accounts and business accounts are not restored by Salesforce Backup.` : `${o}${withFields(n)}: relations between person accounts and business accounts are not restored by Salesforce Backup.`
    );
    for (const c of ctx.delta.fields) {
      const f = c.after;
      if (c.kind !== "added" || !f || !(f.name.endsWith("__pc") || f.name.endsWith("__pr"))) continue;
      if (f.object === "AccountContactRelation" || f.object === "PersonAccount") continue;
      hits.push({
        component: { type: "CustomField", name: f.fullName, object: f.object },
        file: f.file,
        line: f.lines[""] ?? 1,
        message: `${f.fullName} is a person-account field: relations between person accounts and business accounts are not restored by Salesforce Backup.`
      });
    }
    return hits;
  }
};

// src/rules/platform-event.ts
var rule14 = {
  id: "platform-event",
  title: "Platform event messages are not backed up",
  defaultSeverity: "notice",
  evidence: "official",
  docsUrl: DOCS.platformEvents,
  description: "Platform events (`__e`) cannot be queried with SOQL at all, so Salesforce Backup cannot back up their messages.",
  fix: "Persist any event data you need into a custom object (for example from a trigger or flow subscriber).",
  check: (ctx) => objectOrFieldHits(
    ctx,
    (o) => objectKind(o) === "event",
    (o, f, n) => f ? `${newFields(o, f)}, which is a platform event: its messages cannot be queried, so Salesforce Backup never backs them up.` : `${o}${withFields(n)} is a platform event: its messages cannot be queried, so Salesforce Backup never backs them up.`
  )
};

// src/rules/shield-encryption.ts
var encrypted = (scheme) => !!scheme && scheme !== "None";
var rule15 = {
  id: "shield-encryption",
  title: "Shield Platform Encryption: backup behaviour undocumented",
  defaultSeverity: "notice",
  evidence: "inferred",
  docsUrl: DOCS.considerations,
  description: "A Shield Platform Encryption `encryptionScheme` other than None; Salesforce Backup documents nothing about Shield-encrypted data, so test a restore of it.",
  fix: "Run a test backup and restore of this field in a sandbox before relying on Salesforce Backup for it.",
  check(ctx) {
    const hits = [];
    for (const c of ctx.delta.fields) {
      if (!switchedOn(ctx, c, "encryptionScheme", (f2) => encrypted(f2.encryptionScheme))) continue;
      const f = c.after;
      hits.push({ component: fieldRef(f), file: f.file, line: lineOf(f.lines, "encryptionScheme"), message: `${f.fullName} uses Shield Platform Encryption (${f.encryptionScheme}): Salesforce Backup documents nothing about restoring Shield-encrypted data.` });
    }
    for (const c of ctx.delta.objects) {
      if (!switchedOn(ctx, c, "nameField", (o2) => encrypted(o2.nameFieldEncryptionScheme))) continue;
      const o = c.after;
      hits.push({ component: objectRef(o.name), file: o.file, line: lineOf(o.lines, "nameField.encryptionScheme", "nameField"), message: `The Name field of ${o.name} uses Shield Platform Encryption (${o.nameFieldEncryptionScheme}): Salesforce Backup documents nothing about restoring Shield-encrypted data.` });
    }
    return hits;
  }
};

// src/rules/index.ts
var RULES = [
  rule2,
  rule6,
  rule8,
  rule12,
  rule11,
  rule3,
  rule10,
  rule,
  rule14,
  rule7,
  rule5,
  rule4,
  rule9,
  rule15,
  rule13
];
var PARSE_ERROR = {
  id: "parse-error",
  title: "Metadata file could not be read",
  defaultSeverity: "error",
  evidence: "official",
  docsUrl: DOCS.customObject,
  description: "A metadata file in the change is not well-formed XML (or too large), so the tool could not check it; Salesforce would reject it on deploy too.",
  fix: "Fix the XML so that the file parses; the scan checks it on the next run."
};
var ALL_RULE_META = [...RULES, PARSE_ERROR];
var RULE_IDS = ALL_RULE_META.map((r) => r.id);

export {
  RULES,
  PARSE_ERROR,
  ALL_RULE_META,
  RULE_IDS
};
