/**
 * Personal data never reaches the logs. pino's `redact` replaces these paths with "[redacted]"
 * wherever they appear in a log line: HTTP credentials, and any property named like a personal
 * field (CAF XML tags in upper case, our camelCase fields, snake_case columns) at the top level or
 * up to four levels deep (`household.members[0].nir` is `*.*.*.nir`... arrays count as a level).
 * pino paths are exact keys: add a new personal field name to PERSONAL_KEYS, in each spelling.
 */
export const PERSONAL_KEYS = [
  'nir', 'NIR', 'nir13', 'nirHash', 'nir_hash', 'nirEncrypted', 'nir_encrypted',
  'nom', 'NOM', 'nomnai', 'NOMNAI', 'nomNaissance', 'nom_naissance', 'nomUsage', 'nom_usage', 'NOMUSAGE',
  'prenom', 'PRENOM', 'prenom2', 'PRENOM2', 'prenom3', 'PRENOM3', 'prenoms', 'PRENOMS', 'firstName', 'lastName', 'birthName',
  'nomcomnai', 'NOMCOMNAI', 'MATRICULE', 'matricule', 'IDASSEDIC', 'idassedic', 'requestedValue', 'requested_value',
  'dtnai', 'DTNAI', 'dateNaissance', 'date_naissance', 'birthDate', 'birth_date',
  'email', 'EMAIL', 'mail', 'telephone', 'TELEPHONE', 'tel', 'phone', 'mobile',
  'adresse', 'ADRESSE', 'address', 'addresses', 'LIBVOIE', 'numvoie', 'NUMVOIE', 'nomvoie', 'NOMVOIE', 'COMPLIDEADR', 'COMPLADR', 'LIEUDIST',
  'rawXml', 'raw_xml', 'xml',
  'password', 'secret', 'token',
] as const;

const DEPTHS = ['', '*.', '*.*.', '*.*.*.', '*.*.*.*.'];

export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...DEPTHS.flatMap((prefix) => PERSONAL_KEYS.map((key) => `${prefix}${key}`)),
];

export const REDACTION_CENSOR = '[redacted]';
