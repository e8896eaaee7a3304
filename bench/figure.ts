// One measured number of a benchmark, with the target it is held to.
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  target?: string;
}
