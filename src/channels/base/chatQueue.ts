/**
 * Runs the turns of one chat one at a time and in arrival order, while different chats run
 * concurrently: two quick messages from one person must not race over the same dialog state.
 */
export class ChatQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(chat: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(chat) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(chat, tail);
    void tail.then(() => {
      if (this.tails.get(chat) === tail) this.tails.delete(chat);
    });
    return next;
  }

  get activeChats(): number {
    return this.tails.size;
  }
}
