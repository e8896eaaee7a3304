// Where a CLI function writes: process.stdout/stderr in the entry point, string collectors in tests.
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}
