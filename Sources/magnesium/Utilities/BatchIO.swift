import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding
import Synchronization

/// Lines and answers for batch mode, with one rule that makes buffering safe: everything answered
/// is written out before the program waits for more input, and before it stops.
///
/// A pipe that feeds questions one at a time therefore gets each answer at once, while a file of
/// 100,000 questions is read in large blocks and answered in large writes (one system call per
/// block instead of one per answer).
enum BatchIO {
    /// The signal that asked batch mode to stop (SIGINT or SIGTERM), or 0.
    static let stopSignal = Atomic<Int32>(0)
    /// The write end of a pipe the signal handler writes to: whichever thread the signal lands on,
    /// a main thread waiting in ``waitUntilReady(_:for:)`` wakes up.
    private static let wakeWriter = Atomic<Int32>(-1)
    private nonisolated(unsafe) static var wakeReader: Int32 = -1

    /// Catches SIGINT and SIGTERM so the loop can write what it has and exit with 128 + the signal
    /// number. A parent may hand the process these signals blocked (Foundation's Process does), so
    /// they are unblocked.
    static func catchStopSignals() {
        var ends: [Int32] = [0, 0]
        if pipe(&ends) == 0 {
            for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
            wakeReader = ends[0]
            wakeWriter.store(ends[1], ordering: .relaxed)
        }
        var action = sigaction()
        #if os(Linux)
            action.__sigaction_handler.sa_handler = { signal in BatchIO.requestStop(signal) }
        #else
            action.__sigaction_u.__sa_handler = { signal in BatchIO.requestStop(signal) }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        for signal in [SIGINT, SIGTERM] {
            sigaction(signal, &action, nil)
            sigaddset(&stopSignals, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
    }

    /// Runs inside the signal handler: only an atomic store and write(2), both safe there.
    private static func requestStop(_ signal: Int32) {
        stopSignal.store(signal, ordering: .relaxed)
        var byte: UInt8 = 1
        _ = Foundation.write(wakeWriter.load(ordering: .relaxed), &byte, 1)
    }

    static var stopRequested: Bool { stopSignal.load(ordering: .relaxed) != 0 }

    /// Gives SIGINT and SIGTERM their default action back: once a stop was asked for, another
    /// one ends the program at once.
    static func releaseStopSignals() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// The errno of a failed read of standard input (EISDIR when it is a folder), or 0.
    static let inputError = Atomic<Int32>(0)

    /// Waits until `descriptor` can be read or written (`events`: POLLIN or POLLOUT); false when
    /// a stop signal came first.
    static func waitUntilReady(_ descriptor: Int32, for events: Int16) -> Bool {
        while !stopRequested {
            var watched = [
                pollfd(fd: descriptor, events: events, revents: 0),
                pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
            ]
            let count = wakeReader >= 0 ? 2 : 1
            let ready = poll(&watched, nfds_t(count), -1)
            // let the read or write itself report the problem
            if ready < 0 && errno != EINTR { return true }
            if ready > 0 && watched[0].revents != 0 { return !stopRequested }
        }
        return false
    }

    /// Exits with 128 + the stop signal's number, or 0 when none came.
    static func exitStatus() -> Int32 {
        let signal = stopSignal.load(ordering: .relaxed)
        return signal == 0 ? 0 : Status.stoppedBy(signal: signal)
    }
}

/// Standard output for batch mode: answers collect in memory and go out in large writes.
struct BatchOutput {
    private var pending: [UInt8] = []
    /// Written at least this often, so a long run shows progress and memory stays small.
    private static let flushThreshold = 1 << 16

    init() { pending.reserveCapacity(Self.flushThreshold + 4096) }

    mutating func append(_ text: String) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= Self.flushThreshold { flush() }
    }

    /// Lets `write` append bytes straight to what is pending (a JSON reply), then flushes as
    /// ``append(_:)`` does.
    mutating func append(writing write: (inout [UInt8]) -> Void) {
        write(&pending)
        if pending.count >= Self.flushThreshold { flush() }
    }

    /// Writes everything pending. A reader that has gone away (EPIPE) ends the program quietly
    /// with 0; any other write error is reported and ends it with 74. A stop signal during a
    /// write ends it with 128 + the signal number, at the end of a line: a line begun is
    /// finished first, so the output's last line is whole (a second stop signal ends the
    /// program at once, should the reader never read again).
    mutating func flush() {
        var offset = 0
        var finishingLine = false
        while offset < pending.count {
            if BatchIO.stopRequested && !finishingLine {
                guard offset > 0 && pending[offset - 1] != UInt8(ascii: "\n"),
                    let end = pending[offset...].firstIndex(of: UInt8(ascii: "\n"))
                else { Foundation.exit(BatchIO.exitStatus()) }
                // Only the rest of this line is written now; the next stop signal is not caught.
                finishingLine = true
                pending.removeSubrange((end + 1)...)
                BatchIO.releaseStopSignals()
            }
            if finishingLine {
                var watched = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
                _ = poll(&watched, 1, -1)
            } else if !BatchIO.waitUntilReady(STDOUT_FILENO, for: Int16(POLLOUT)) {
                // A reader that stopped reading must not keep a stop signal waiting.
                continue
            }
            let written = pending.withUnsafeBytes { buffer in
                Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                Output.outputFailed(errno: errno)
                Foundation.exit(Output.finalStatus(0))
            }
            offset += written
        }
        pending.removeAll(keepingCapacity: true)
        if finishingLine { Foundation.exit(BatchIO.exitStatus()) }
    }
}

/// Standard input for batch mode, line by line, as `readLine(strippingNewline: true)` gives them
/// (a final `\n` or `\r\n` removed, invalid UTF-8 repaired), read in large blocks.
///
/// A line is kept up to ``longestLine`` bytes, enough for the ``Session/longestQuestion``
/// characters a question is read to; the rest of it, up to its newline, is read and dropped,
/// so memory stays bounded even on input without line breaks (`< /dev/zero`). A read error
/// (standard input is a folder) ends the input and is kept in ``BatchIO/inputError``.
struct BatchInput {
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var start = 0
    /// How far `buffer` has been searched for a newline, so a long line is scanned once.
    private var scanned = 0
    private var atEnd = false
    /// True while the rest of an overlong line is being dropped.
    private var skippingToNewline = false
    /// Where each read lands before its bytes join `buffer`.
    private var block = [UInt8](repeating: 0, count: 1 << 16)
    /// The most bytes of one line kept: four per character, as UTF-8 needs at most four.
    static let longestLine = Session.longestQuestion * 4

    /// Where the kept part of the line `buffer[from..<to]` ends: at most ``longestLine`` bytes
    /// in, and never inside a character.
    private func keptEnd(_ from: Int, _ to: Int) -> Int {
        guard to - from > Self.longestLine else { return to }
        var cut = from + Self.longestLine
        while cut > from && buffer[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }

    /// The index of the first line feed in `bytes` at or after `from` (memchr: fast in every
    /// build).
    private static func newline(in bytes: ArraySlice<UInt8>, from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let offset = from - bytes.startIndex
            guard offset < buffer.count, let base = buffer.baseAddress,
                let found = memchr(base + offset, 0x0A, buffer.count - offset)
            else { return nil }
            return bytes.startIndex + base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private static func newline(in bytes: [UInt8], from: Int) -> Int? {
        newline(in: bytes[...], from: from)
    }

    /// The next line, or nil at the end of input or when a stop signal came. `beforeWaiting` runs
    /// whenever no whole line is buffered, just before the read that may wait for one.
    mutating func nextLine(beforeWaiting: () -> Void) -> String? {
        while true {
            if let newline = Self.newline(in: buffer, from: scanned) {
                if skippingToNewline {
                    // The end of an overlong line: the kept part was handed out already.
                    skippingToNewline = false
                    start = newline + 1
                    scanned = start
                    continue
                }
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[start..<keptEnd(start, end)], as: UTF8.self)
                start = newline + 1
                scanned = start
                return line
            }
            scanned = buffer.count
            if skippingToNewline {
                // Nothing of this line is needed any more.
                start = buffer.count
            } else if buffer.count - start > Self.longestLine {
                // A line too long to keep: hand out its start now and drop the rest as it comes.
                let line = String(
                    decoding: buffer[start..<keptEnd(start, buffer.count)], as: UTF8.self)
                skippingToNewline = true
                start = buffer.count
                scanned = start
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = String(
                    decoding: buffer[start..<keptEnd(start, buffer.count)], as: UTF8.self)
                start = buffer.count
                return line
            }
            beforeWaiting()
            guard BatchIO.waitUntilReady(STDIN_FILENO, for: Int16(POLLIN)) else { return nil }
            // Keep only the unfinished line before reading more: memory follows the longest line
            // kept.
            if start > 0 {
                buffer.removeSubrange(0..<start)
                scanned -= start
                start = 0
            }
            let received = block.withUnsafeMutableBytes { bytes in
                Foundation.read(STDIN_FILENO, bytes.baseAddress!, bytes.count)
            }
            if received > 0 {
                var kept = 0
                if skippingToNewline {
                    // Dropped as it comes, up to the newline that ends the overlong line.
                    guard let newline = Self.newline(in: block[..<received], from: 0) else {
                        continue
                    }
                    skippingToNewline = false
                    kept = newline + 1
                }
                buffer.append(contentsOf: block[kept..<received])
            }
            if received == 0 { atEnd = true }
            if received < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                BatchIO.inputError.store(errno, ordering: .relaxed)
                atEnd = true
            }
        }
    }
}

/// Batch input read and understood on a second thread, in order, up to `capacity` lines ahead of
/// the answers: understanding a line needs only the line and the knowledge, so on a machine with
/// two cores the reading of the next questions overlaps the answering of this one.
final class ReadAhead: @unchecked Sendable {
    // Guarded by `condition`.
    private var queue: [Session.ReadLine] = []
    private var head = 0
    private var finished = false
    private var consumerWaiting = false
    private var producerWaiting = false
    private let condition = NSCondition()
    private let capacity: Int

    /// 96 lines: three hand-overs ahead keep the answering thread fed, and each line read ahead
    /// holds its answers ranked (a few kilobytes), so fewer lines waiting keep memory down.
    init(understander: Understander, capacity: Int = 96) {
        self.capacity = capacity
        let thread = Thread { [self] in produce(understander) }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Lines handed over in groups of this many while input keeps coming: waking the answering
    /// thread for every line would cost more in thread switches than the line itself.
    private static let handOver = 32

    private func produce(_ understander: Understander) {
        var input = BatchInput()
        // The words of the last question read: a follow-up usually leans on it.
        var before: String?
        var coreToSpare = false
        var linesUntilLoadCheck = 0
        // Before the read that may wait for input, whatever is ready goes to the answering thread,
        // which writes its answers out whenever it has nothing left to answer.
        while let line = input.nextLine(beforeWaiting: { wakeConsumer(ifReady: 1) }) {
            if linesUntilLoadCheck == 0 {
                coreToSpare = Self.hasCoreToSpare()
                linesUntilLoadCheck = Self.loadCheckInterval
            }
            linesUntilLoadCheck -= 1
            let read = Session.read(
                line, understander: understander, rankingAhead: coreToSpare, before: before)
            if read.isBlank { continue }
            if let normalized = read.normalized { before = normalized }
            condition.lock()
            while queue.count - head >= capacity && !BatchIO.stopRequested {
                producerWaiting = true
                condition.wait()
                producerWaiting = false
            }
            queue.append(read)
            if consumerWaiting && queue.count - head >= Self.handOver { condition.signal() }
            condition.unlock()
        }
        condition.lock()
        finished = true
        condition.signal()
        condition.unlock()
    }

    /// Lines read between two looks at the machine's load.
    private static let loadCheckInterval = 64

    /// Whether the machine runs no more threads than it has cores, this one and the answering
    /// thread included. Only then is ranking the answers ahead (``Session/read(_:understander:
    /// rankingAhead:before:)``) worth it: the answering thread takes over only what it would
    /// have worked out anyway, and works out again what the focus changes, so where the cores
    /// are shared with other work the extra work costs more than the overlap gains.
    private static func hasCoreToSpare() -> Bool {
        let processors = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        guard processors > 1,
            case .success(let bytes) = FileIO.read(Array("/proc/loadavg".utf8))
        else { return processors > 1 }
        // The answering thread may be running too: one more than the cores leaves none idle.
        return IdleCore.hasIdleCore(
            loadAverage: String(decoding: bytes, as: UTF8.self), processors: processors + 1)
    }

    private func wakeConsumer(ifReady count: Int) {
        condition.lock()
        if consumerWaiting && queue.count - head >= count { condition.signal() }
        condition.unlock()
    }

    /// The next line read, or nil at the end of the input (or on a stop signal). `beforeWaiting`
    /// runs when nothing read is ready yet, before this thread waits for the reader.
    func next(beforeWaiting: () -> Void) -> Session.ReadLine? {
        condition.lock()
        defer { condition.unlock() }
        if head == queue.count && !finished {
            condition.unlock()
            beforeWaiting()
            condition.lock()
        }
        while head == queue.count && !finished {
            consumerWaiting = true
            // Timed, so a stop signal (which wakes the reader, not this thread) is seen soon.
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
            consumerWaiting = false
            if BatchIO.stopRequested { return nil }
        }
        guard head < queue.count else { return nil }
        let read = queue[head]
        head += 1
        // Drop the consumed front now and then, so the buffer stays the size of what is ahead.
        if head >= capacity {
            queue.removeFirst(head)
            head = 0
        }
        // The reader, if it waits for room, goes on once half the room is free again.
        if producerWaiting && queue.count - head <= capacity / 2 { condition.signal() }
        return read
    }
}
