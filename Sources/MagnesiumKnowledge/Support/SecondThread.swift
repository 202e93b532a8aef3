import Foundation

/// A value worked out on a thread of its own while the caller gets on with something else: start-up
/// has independent pieces of work and the machine more than one core.
package final class SecondThread<Value: Sendable>: @unchecked Sendable {
    private let runner: Runner
    private let slot: Slot

    /// Starts `work` on a new thread (or, when no thread can be had, runs it here and now).
    package init(_ work: @escaping @Sendable () -> Value) {
        let slot = Slot()
        self.slot = slot
        runner = Runner { slot.value = work() }
    }

    /// The value, once the thread has finished.
    package func result() -> Value {
        runner.join()
        return slot.value!
    }

    /// Written by the thread before it ends, read only after joining it.
    private final class Slot: @unchecked Sendable {
        var value: Value?
    }
}

/// The thread itself, not generic: a C thread entry point cannot reach a generic context.
private final class Runner: @unchecked Sendable {
    private let work: @Sendable () -> Void
    private var thread: pthread_t?

    init(_ work: @escaping @Sendable () -> Void) {
        self.work = work
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<Runner>.fromOpaque(context!).takeRetainedValue().work()
                return nil
            }, context)
        if started == 0 {
            self.thread = thread
        } else {
            Unmanaged<Runner>.fromOpaque(context).release()
            work()
        }
    }

    func join() {
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
    }
}
