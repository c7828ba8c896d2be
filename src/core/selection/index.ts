export { parseSelection, parseSelectionSteps, tryParseSelection, SelectionParseError, type ParsedSelection, type ParseOptions, type ParseResult } from './parseSelection';
export { formatSelection, formatNumber, writeSelection, type FormatOptions, type WriteOptions, type WrittenSelection } from './formatSelection';
export { usesPythonFloats, type Notation, type NotationKind, type Level, type VerbatimGap } from './notation';
export { fillTemplate, formatMessage, type CoreMessage } from './messages';
