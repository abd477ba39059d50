/** Facts from the rule catalogue (shared/domain/backup-rules.md) that more than one rule uses. */

export const DOCS = {
  considerations: 'https://help.salesforce.com/s/articleView?id=xcloud.backup_restore_consideration.htm&language=en_US&type=5',
  permissions: 'https://help.salesforce.com/s/articleView?id=xcloud.backup_restore_permissions.htm&language=en_US&type=5',
  policy: 'https://help.salesforce.com/s/articleView?id=xcloud.backup_restore_create_policy.htm&language=en_US&type=5',
  classicEncryption: 'https://developer.salesforce.com/docs/atlas.en-us.securityImplGuide.meta/securityImplGuide/fields_about_encrypted_fields.htm',
  platformEvents: 'https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/platform_events_considerations.htm',
  changeEvents: 'https://developer.salesforce.com/docs/industries/industries-common-dev/guide/sforce-api-associated-objects-list.html',
  bulkQueries: 'https://developer.salesforce.com/docs/platform/api-asynch/guide/queries.html',
  customObject: 'https://developer.salesforce.com/docs/platform/api-metadata/references/meta-types/metadata-customfield.html',
  bigObjects: 'https://developer.salesforce.com/docs/platform/big-object-impl-guide/guide/big-object-define.html',
  fieldPermissions: 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_fieldpermissions.htm',
  vendorExclusions: 'https://documentation.commvault.com/2024/expert/salesforce_objects_not_included_in_backups.html'
} as const

/** Standard objects the Bulk API is reported not to query (vendor evidence). */
export const BULK_UNSUPPORTED = new Set([
  'AcceptedEventRelation', 'DeclinedEventRelation', 'UndecidedEventRelation', 'EventWhoRelation', 'TaskWhoRelation',
  'CaseStatus', 'ContractStatus', 'OrderStatus', 'PartnerRole', 'SolutionStatus', 'TaskPriority', 'TaskStatus',
  'LeadStatus', 'OpportunityStage', 'RecentlyViewed', 'UserRecordAccess', 'FieldSecurityClassification',
  'AttachedContentNote', 'QuoteTemplateRichTextData', 'AggregateResult', 'Name', 'OpenActivity', 'ActivityHistory',
  'NoteAndAttachment', 'CombinedAttachment', 'LookedUpFromActivity', 'OwnedContentDocument', 'FolderedContentDocument',
  'ContentFolderItem', 'ProcessInstanceHistory', 'EmailStatus', 'CaseTeamMember', 'CaseTeamRole', 'CaseTeamTemplate',
  'CaseTeamTemplateMember', 'CaseTeamTemplateRecord', 'KnowledgeArticle', 'KnowledgeArticleVersion',
  'KnowledgeArticleVersionHistory', 'KnowledgeArticleViewStat', 'KnowledgeArticleVoteStat'
])

export const SYSTEM_FIELDS = ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'] as const

/** Standard objects documented without one of the three system fields, and which ones they lack. */
export function documentedMissingSystemFields(object: string): string[] | undefined {
  if (object.includes('__')) return undefined // custom objects always have all three
  if (object === 'ContentDocumentLink' || object === 'LightningUsageByAppTypeMetrics') return ['CreatedDate', 'LastModifiedDate']
  if (object === 'AttachedContentDocument') return ['SystemModstamp']
  if (object === 'LoginIp') return ['LastModifiedDate', 'SystemModstamp']
  if (object === 'OpportunityFieldHistory' || (object.endsWith('History') && object !== 'History' && !BULK_UNSUPPORTED.has(object)))
    return ['LastModifiedDate', 'SystemModstamp']
  if (object.endsWith('Share') && object !== 'Share') return ['CreatedDate', 'SystemModstamp']
  return undefined
}

export { plural } from '../text.js'
