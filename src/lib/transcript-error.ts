/** An input the importer must reject, located at a 1-based line and column of the source. */
export class TranscriptError extends Error {
  line: number;
  column: number;
  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = 'TranscriptError';
    this.line = line;
    this.column = column;
  }
}
