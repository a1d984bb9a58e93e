// The little of autocannon's API the benchmark uses (the package ships no types).
declare module "autocannon" {
  interface Result {
    requests: { average: number };
    errors: number;
    timeouts: number;
  }
  interface Instance extends PromiseLike<Result> {
    on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void;
  }
  function autocannon(options: { url: string; connections: number; duration: number; headers?: Record<string, string> }): Instance;
  export default autocannon;
}
