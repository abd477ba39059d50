import type { ComponentChange, FieldModel, FileChange, MetadataDelta, ObjectModel } from '../../src/types.js'

/** A FieldModel as the metadata stage would build it (only what the access rules look at). */
export function field(fullName: string, extra: Partial<FieldModel> = {}): FieldModel {
  const [object, name] = fullName.split('.') as [string, string]
  return {
    object,
    name,
    fullName,
    file: `force-app/main/default/objects/${object}/fields/${name}.field-meta.xml`,
    format: 'source',
    type: 'Text',
    required: false,
    trackHistory: false,
    formula: false,
    raw: {},
    lines: { '': 2 },
    ...extra
  }
}

export function object(name: string, extra: Partial<ObjectModel> = {}): ObjectModel {
  return {
    name,
    file: `force-app/main/default/objects/${name}/${name}.object-meta.xml`,
    format: 'source',
    enableHistory: false,
    enableFeeds: false,
    raw: {},
    lines: { '': 2 },
    ...extra
  }
}

export function added<T>(after: T): ComponentChange<T> {
  return { kind: 'added', after }
}

export function delta(parts: Partial<MetadataDelta> = {}): MetadataDelta {
  return {
    objects: [],
    fields: [],
    channelMembers: [],
    customSettings: [],
    permissionFiles: [] as FileChange[],
    problems: [],
    stats: { changedFiles: 0, metadataFiles: 0, skippedFiles: 0 },
    ...parts
  }
}
