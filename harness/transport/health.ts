/** Counts consecutive transport failures: after `limit` in a row the endpoint is taken as down (exit 3). */
export class EndpointHealth {
  private consecutive = 0;
  constructor(readonly limit = 3) {}
  success(): void {
    this.consecutive = 0;
  }
  failure(): void {
    this.consecutive++;
  }
  isDown(): boolean {
    return this.consecutive >= this.limit;
  }
}
