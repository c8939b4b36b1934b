// Public API of the domain module: specs, validators, parsers, header matching, messages.
export * from './types';
export * from './vocabularies';
export { SPECS, getSpec, getField, importFields, isCollectionName, fieldLabel, optionLabel } from './collections';
export { FOLDED, foldTr } from './text';
export { notDataKind, NOT_DATA_LABELS, type NotDataKind, type NotDataRow } from './notData';
export { suggestMapping, missingRequiredFields, type HeaderSuggestion } from './headers';
export { parseRow, parseRowByColumn, parseValuesByColumn, importFieldIndex, checkRecord } from './records';
export { errorMessage, naturalKeyLabel } from './messages';
export {
  MATCH_NAME_FIELD,
  MATCH_RULES,
  MATCH_RULES_OF,
  MATCH_RULE_FIELDS,
  MAX_MATCH_DAYS,
  POSSIBLE_DUPLICATE_RULES,
  canMatchWithoutKey,
  NAME_ORDER,
  personNameKey,
  personNameWords,
  plainPersonNameOrder,
  shiftIsoDate,
  usableMatchRules,
  type MatchRule,
} from './personMatch';
export { completeTcKimlik, isValidTcKimlik, isYkn, tcKimlikError } from './tckimlik';
export { normalizeTurkishMobile } from './phone';
export { isValidIban, normalizeIban, ibanError } from './iban';
export { isValidEmail, normalizeEmail } from './email';
export { parseDate, excelSerialToIso, isIsoDate, todayIso } from './dates';
export {
  parseMoney,
  parseMoneyWithCurrency,
  parseInteger,
  detectNumberStyle,
  formatMoney,
  normalizeCurrency,
} from './money';
export { PROVINCES, findProvince } from './provinces';
export { matchOption } from './options';
export { IMPORT_MODES, ROW_ACTIONS, CONTROL_TOTAL_FIELD, UNDO_WINDOW_MS, isPartialMode, type ImportMode, type RowAction } from './importModes';
export { guessCollection, collectionGuessReason, explainedCollectionGuess, type CollectionGuess } from './collectionGuess';
export {
  dottedDate,
  nationalPhone,
  displayDate,
  displayPhone,
  displayDateTime,
  displayInteger,
  displayMoney,
  displayFieldValue,
  displayStored,
  displayFileCell,
  displayImportCell,
} from './display';
