import type { ComponentChange, ComponentRef, FieldModel, ObjectModel, RuleHit } from '../types.js'
import { plural } from './catalog.js'
import type { RuleContext } from './context.js'

export function objectRef(name: string): ComponentRef {
  return { type: 'CustomObject', name, object: name }
}

export function fieldRef(f: FieldModel): ComponentRef {
  return { type: 'CustomField', name: f.fullName, object: f.object }
}

export function lineOf(lines: Record<string, number>, ...keys: string[]): number {
  for (const k of keys) if (lines[k] !== undefined) return lines[k]!
  return lines[''] ?? 1
}

const addedCache = new WeakMap<object, { objects: ObjectModel[]; fields: FieldModel[]; fieldsPerObject: Map<string, number> }>()

/** Added objects and fields of the delta, computed once per run (every object-level rule asks). */
function added(ctx: RuleContext) {
  let a = addedCache.get(ctx.delta)
  if (!a) {
    const fields = ctx.delta.fields.filter((c) => c.kind === 'added').map((c) => c.after!)
    const fieldsPerObject = new Map<string, number>()
    for (const f of fields) fieldsPerObject.set(f.object, (fieldsPerObject.get(f.object) ?? 0) + 1)
    a = { objects: ctx.delta.objects.filter((c) => c.kind === 'added').map((c) => c.after!), fields, fieldsPerObject }
    addedCache.set(ctx.delta, a)
  }
  return a
}

export function addedObjects(ctx: RuleContext): ObjectModel[] {
  return added(ctx).objects
}

export function addedFields(ctx: RuleContext): FieldModel[] {
  return added(ctx).fields
}

/**
 * The common shape of object-level verdicts: a new object gets one finding (its new fields are part of it);
 * an existing object gets one finding per field the change adds to it.
 */
export function objectOrFieldHits(
  ctx: RuleContext,
  applies: (object: string) => boolean,
  message: (object: string, fields?: FieldModel[], fieldCount?: number) => string,
  extra: Partial<RuleHit> = {}
): RuleHit[] {
  const hits: RuleHit[] = []
  const newObjects = new Set<string>()
  const { fieldsPerObject } = added(ctx)
  const verdicts = new Map<string, boolean>()
  const appliesOnce = (o: string) => {
    let v = verdicts.get(o)
    if (v === undefined) verdicts.set(o, (v = applies(o)))
    return v
  }
  for (const o of addedObjects(ctx)) {
    if (!appliesOnce(o.name)) continue
    newObjects.add(o.name)
    hits.push({ component: objectRef(o.name), file: o.file, line: lineOf(o.lines), message: message(o.name, undefined, fieldsPerObject.get(o.name) ?? 0), ...extra })
  }
  // New fields on an existing object: one finding per object (anchored at its first new field), not one per field.
  const perObject = new Map<string, FieldModel[]>()
  for (const f of addedFields(ctx)) {
    if (newObjects.has(f.object) || !appliesOnce(f.object)) continue
    const list = perObject.get(f.object)
    if (list) list.push(f)
    else perObject.set(f.object, [f])
  }
  for (const [object, fields] of perObject) {
    fields.sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0))
    const first = fields[0]!
    const component = fields.length === 1 ? fieldRef(first) : objectRef(object)
    hits.push({ component, file: first.file, line: lineOf(first.lines), message: message(object, fields), ...extra })
  }
  return hits
}

/** `Lead.SSN__c is a new field on Lead`, or `Lead gets 3 new fields (A__c, B__c, C__c)` (long lists cut). */
export function newFields(object: string, fields: FieldModel[], kind = ''): string {
  if (fields.length === 1) return `${fields[0]!.fullName} is a new field on ${kind}${object}`
  const names = fields.map((f) => f.name)
  const list = names.length > 5 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ')
  return `${object} gets ${fields.length} new fields (${list})`
}

export function withFields(count: number | undefined): string {
  return count ? ` (and its ${plural(count, 'new field')})` : ''
}

/**
 * True when the change turns a setting on. A new custom component counts; a standard object or field that
 * merely appears in source (a retrieve) does not, because its setting in the org is unknown - except in full
 * scans, which report the state as it is. For an existing component the base file must have said otherwise
 * explicitly (or be custom, where the XML always carries the setting).
 */
export function switchedOn<T extends { name: string; raw: Record<string, unknown> }>(
  ctx: RuleContext,
  change: ComponentChange<T>,
  key: string,
  on: (m: T) => boolean
): boolean {
  const { before, after } = change
  if (change.kind === 'deleted' || !after || !on(after)) return false
  const custom = after.name.includes('__')
  if (!before) return custom || ctx.full
  if (on(before)) return false
  return custom || before.raw[key.split('.')[0]!] !== undefined
}
