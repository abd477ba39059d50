import type { MetadataDelta } from '../types.js'
/** Objects Salesforce Backup does not back up whatever the permissions: big objects, platform events, external objects, custom metadata types. */
const NOT_BACKED_UP = ['__b', '__e', '__x', '__mdt']

export function notBackedUpAnyway(object: string): boolean {
  const o = object.toLowerCase()
  return NOT_BACKED_UP.some((s) => o.endsWith(s))
}

/** Custom fields (and namespaced ones) end in `__c`; a standard field file added to source is not a new field. */
export function isCustomField(fieldName: string): boolean {
  return fieldName.toLowerCase().endsWith('__c')
}

/** Lower-case names of the custom settings the change touches (changed object files, and unchanged parents of changed fields). */
export function customSettingNames(delta: Pick<MetadataDelta, 'objects' | 'customSettings'>): Set<string> {
  const out = new Set(delta.customSettings ?? [])
  for (const c of delta.objects) {
    const m = c.after ?? c.before
    if (m?.customSettingsType) out.add(m.name.toLowerCase())
  }
  return out
}
