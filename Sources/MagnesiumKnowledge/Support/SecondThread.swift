import Foundation

/// A value worked out on a thread of its own while the caller gets on with something else: start-up
/// has independent pieces of work and the machine more than one core.
package final class SecondThread<Value: Sendable>: @unchecked Sendable {
    private let runner: Runner
    private let slot: Slot

    /// Starts `work` on a new thread, or runs it here and now when no core is idle (or no thread
    /// can be had).
    package init(_ work: @escaping @Sendable () -> Value) {
        let slot = Slot()
        self.slot = slot
        runner = Runner(inline: !IdleCore.wasIdle) { slot.value = work() }
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

/// Whether start-up work is worth a thread of its own (see ``SecondThread``).
package enum IdleCore {
    /// Whether a core was idle when the process first asked. On a machine whose cores are all busy
    /// (a shared build machine), a second thread's work waits for a core as much as the caller's,
    /// and every join can wait for the scheduler: there a start-up on one thread measured 24–41 ms
    /// against 35–61 ms with its work spread over four (and 21 ms of CPU against 25 ms).
    package static let wasIdle: Bool = {
        let processors = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        guard processors > 1, case .success(let bytes) = FileIO.read(Array("/proc/loadavg".utf8))
        else { return processors > 1 }
        return hasIdleCore(
            loadAverage: String(decoding: bytes, as: UTF8.self), processors: processors)
    }()

    /// Whether `/proc/loadavg` (`0.52 0.58 0.59 3/118 32500`: its fourth field counts the threads
    /// running or ready to run, the asking one included) leaves a core free for one more. True
    /// when the text cannot be read, as threads were always started before.
    package static func hasIdleCore(loadAverage: String, processors: Int) -> Bool {
        let fields = loadAverage.split(separator: " ")
        guard fields.count >= 4, let slash = fields[3].firstIndex(of: "/"),
            let running = Int(fields[3][..<slash])
        else { return true }
        return running < processors
    }
}

/// The thread itself, not generic: a C thread entry point cannot reach a generic context.
private final class Runner: @unchecked Sendable {
    private let work: @Sendable () -> Void
    private var thread: pthread_t?

    init(inline: Bool, _ work: @escaping @Sendable () -> Void) {
        self.work = work
        guard !inline else {
            work()
            return
        }
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
