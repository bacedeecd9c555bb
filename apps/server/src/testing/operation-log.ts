import type { Reply } from './harness.js';

/**
 * What the concurrency tests fire at the servers and what came back: every reply by operation, and
 * the ids of the cases acknowledged with a 201 (which must all exist afterwards).
 */
export function createOperationLog() {
  const acknowledged: number[] = [];
  const replies: { op: string; reply: Reply }[] = [];
  return {
    acknowledged,
    replies,
    run(op: string, promise: Promise<Reply>) {
      return promise.then((reply) => {
        replies.push({ op, reply });
        if (op === 'create' && reply.status === 201) acknowledged.push(reply.body.id);
      });
    },
    /** Replies other than success or a state conflict, described; a 5xx is always among them. */
    unexpected() {
      return replies
        .filter(({ reply }) => ![200, 201, 409].includes(reply.status))
        .map(({ op, reply }) => `${op}: ${reply.status} ${JSON.stringify(reply.body)}`);
    },
    succeeded(op: string) {
      return replies.filter((entry) => entry.op === op && entry.reply.status < 300).length;
    },
  };
}
