/** Salesforce API name conventions: suffixes, namespaces and CumulusCI namespace tokens. */

const NAMESPACE_TOKENS = /___NAMESPACE___|%%%NAMESPACE%%%|%%%NAMESPACED_ORG%%%|%%%NAMESPACE_DOT%%%/g

/** Removes CumulusCI namespace tokens (`___NAMESPACE___Thing__c`, `%%%NAMESPACE%%%Obj__c.Field__c`). */
export function stripNamespaceTokens(name: string): string {
  return name.includes('NAMESPACE') ? name.replace(NAMESPACE_TOKENS, '') : name
}

export type ObjectKind =
  | 'standard'
  | 'custom'
  | 'big'
  | 'event'
  | 'external'
  | 'custom-metadata'
  | 'change-event'
  | 'share'
  | 'history'
  | 'feed'
  | 'tag'
  | 'knowledge'
  | 'data-cloud'
  | 'historical-trending'
  | 'person-account'
  | 'unknown-suffix'

const SUFFIX_KINDS: Array<[string, ObjectKind]> = [
  ['__ChangeEvent', 'change-event'],
  ['__DataCategorySelection', 'knowledge'],
  ['__ViewStat', 'knowledge'],
  ['__VoteStat', 'knowledge'],
  ['__History', 'history'],
  ['__Share', 'share'],
  ['__Feed', 'feed'],
  ['__Tag', 'tag'],
  ['__mdt', 'custom-metadata'],
  ['__kav', 'knowledge'],
  ['__ka', 'knowledge'],
  ['__dlm', 'data-cloud'],
  ['__dll', 'data-cloud'],
  ['__hd', 'historical-trending'],
  ['__xo', 'external'],
  ['__pc', 'person-account'],
  ['__pr', 'person-account'],
  ['__b', 'big'],
  ['__e', 'event'],
  ['__x', 'external'],
  ['__c', 'custom']
]

export function objectKind(name: string): ObjectKind {
  for (const [suffix, kind] of SUFFIX_KINDS) if (name.endsWith(suffix)) return kind
  return name.includes('__') ? 'unknown-suffix' : 'standard'
}

/** The namespace prefix of `ns__Thing__c` (`ns`), or undefined for `Thing__c` and standard names. */
export function namespaceOf(name: string): string | undefined {
  const parts = name.split('__')
  // ns__Thing__c -> ['ns','Thing','c']; Thing__c -> ['Thing','c']
  return parts.length >= 3 && parts[0] ? parts[0] : undefined
}
