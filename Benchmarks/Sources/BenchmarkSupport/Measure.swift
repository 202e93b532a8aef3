import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumTranscripts

/// A monotonic clock in nanoseconds.
public func nanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Percentiles of a set of durations in nanoseconds.
public struct Percentiles: Sendable {
    public var count: Int
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var max: Double

    public init(_ samples: [UInt64]) {
        let sorted = samples.sorted()
        func at(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))])
        }
        count = sorted.count
        p50 = at(0.5)
        p90 = at(0.9)
        p99 = at(0.99)
        max = Double(sorted.last ?? 0)
    }

    /// `p50 12.3 µs  p90 …` for a table row.
    public var microseconds: String {
        String(
            format: "p50 %7.1f µs   p90 %7.1f µs   p99 %7.1f µs   max %8.1f µs   (n = %d)",
            p50 / 1000, p90 / 1000, p99 / 1000, max / 1000, count)
    }
}

/// Answers lines as conversations of `conversationLength` lines each and times every answer.
public enum LatencyRun {
    /// Per-answer durations in nanoseconds, after one untimed pass to warm caches.
    public static func answerTimes(
        _ lines: [String], knowledge: Knowledge, conversationLength: Int = 40
    ) -> [UInt64] {
        func run(timed: Bool) -> [UInt64] {
            var times: [UInt64] = []
            times.reserveCapacity(timed ? lines.count : 0)
            var session = Session(knowledge: knowledge)
            for (index, line) in lines.enumerated() {
                if index % conversationLength == 0 { session = Session(knowledge: knowledge) }
                let start = nanoseconds()
                let reply = session.respond(to: line)
                let end = nanoseconds()
                if timed { times.append(end - start) }
                keepAlive(reply.text.utf8.count)
            }
            return times
        }
        _ = run(timed: false)
        return run(timed: true)
    }
}

/// Keeps the optimiser from removing work whose result is unused.
@inline(never) public func keepAlive<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
