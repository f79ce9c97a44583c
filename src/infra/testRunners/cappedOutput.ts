// A test run can print megabytes (a test logging in a loop); what is kept for people and agents is
// the beginning (how the run started) and the end (the failures and the summary), with a marker
// saying how much was left out between them.

export class CappedOutput {
  private head = '';
  private tail: string[] = [];
  private tailLength = 0;
  private omitted = 0;
  private readonly headLimit: number;
  private readonly tailLimit: number;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 100) throw new RangeError(`The output limit must be an integer of at least 100 characters, not ${limit}.`);
    this.headLimit = Math.floor(limit / 4);
    this.tailLimit = limit - this.headLimit;
  }

  append(chunk: string): void {
    if (this.head.length < this.headLimit) {
      const room = this.headLimit - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (chunk === '') return;
    this.tail.push(chunk);
    this.tailLength += chunk.length;
    while (this.tailLength - this.tail[0].length >= this.tailLimit) {
      const dropped = this.tail.shift() as string;
      this.tailLength -= dropped.length;
      this.omitted += dropped.length;
    }
  }

  text(): string {
    let tail = this.tail.join('');
    let omitted = this.omitted;
    if (tail.length > this.tailLimit) {
      omitted += tail.length - this.tailLimit;
      tail = tail.slice(tail.length - this.tailLimit);
    }
    return omitted > 0 ? `${this.head}\n[… ${omitted} characters of output omitted …]\n${tail}` : this.head + tail;
  }
}
