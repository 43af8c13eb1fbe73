/**
 * A source file that must be rejected (a transcript, speakers.yaml, a meeting MDX file), located
 * at a 1-based line and column of that file.
 */
export class SourceError extends Error {
  line: number;
  column: number;
  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = 'SourceError';
    this.line = line;
    this.column = column;
  }
}
