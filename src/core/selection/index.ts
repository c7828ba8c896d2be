export { parseSelection, SelectionParseError, type ParsedSelection, type ParseOptions } from './parseSelection';
export { formatSelection, formatNumber, formatNumbers, layoutNumbers, type FormatOptions } from './formatSelection';
export { usesPythonFloats, type Notation, type NotationKind, type Level } from './notation';
export { fillTemplate, formatMessage, type CoreMessage } from './messages';
