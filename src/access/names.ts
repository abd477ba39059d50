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
