// Imported first by both entries: SDR's logger (from @salesforce/core) otherwise writes ~/.sf log files and
// starts a pino worker transport that cannot be found inside a bundle.
process.env.SF_DISABLE_LOG_FILE ??= 'true'
export {}
