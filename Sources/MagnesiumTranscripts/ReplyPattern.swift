import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText

/// An expected reply as written in a transcript: literal lines, and `...` lines
/// that each match any number of lines (zero or more), like doctest's ELLIPSIS.
///
/// A reply line that would read as markup (`#…`, `>…`, a bare `...`, or one that
/// starts with `\`) is written with a leading `\`, which is dropped when read.
public struct ReplyPattern: Sendable, Equatable {
    public enum Element: Sendable, Equatable {
        case line(String)
        case anyLines
    }

    public var elements: [Element]

    /// The marker line that matches any lines.
    public static let wildcard = "..."

    public init(elements: [Element]) { self.elements = elements }

    /// Reads the lines of an expected reply as they appear in the file.
    public init(fileLines: [String]) {
        elements = fileLines.map { line in
            if line == Self.wildcard { return .anyLines }
            if line.hasPrefix("\\") { return .line(String(line.dropFirst())) }
            return .line(line)
        }
    }

    /// How a reply line is written in a transcript so that it reads back unchanged.
    public static func escape(_ line: String) -> String {
        line.hasPrefix("#") || line.hasPrefix(">") || line.hasPrefix("\\") || line == wildcard
            ? "\\" + line : line
    }

    /// The pattern as file lines.
    public var fileLines: [String] {
        elements.map { element in
            switch element {
            case .anyLines: Self.wildcard
            case .line(let text): Self.escape(text)
            }
        }
    }

    /// True when the pattern is only `...` lines and so accepts any reply.
    public var matchesAnything: Bool { elements.allSatisfy { $0 == .anyLines } }

    public var hasWildcard: Bool { elements.contains(.anyLines) }

    /// Whether the reply's lines (trailing spaces already trimmed) fit the pattern.
    public func matches(_ actual: [String]) -> Bool {
        // reachable[j]: the elements so far can consume exactly actual[..<j].
        var reachable = [Bool](repeating: false, count: actual.count + 1)
        reachable[0] = true
        for element in elements {
            var next = [Bool](repeating: false, count: actual.count + 1)
            switch element {
            case .anyLines:
                var seen = false
                for j in 0...actual.count {
                    seen = seen || reachable[j]
                    next[j] = seen
                }
            case .line(let text):
                for j in 0..<actual.count where reachable[j] && actual[j] == text {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[actual.count]
    }

    /// File lines that match `actual`, keeping this pattern's `...` lines where they
    /// still can: the lines before the first `...` and after the last one are taken
    /// from the reply, and literal runs between `...` lines are kept when the reply
    /// still holds them in order.
    public func rewritten(toMatch actual: [String]) -> [String] {
        let escaped = actual.map(Self.escape)
        guard hasWildcard, !actual.isEmpty else { return escaped }
        var runs: [[String]] = [[]]
        for element in elements {
            switch element {
            case .anyLines: runs.append([])
            case .line(let text): runs[runs.count - 1].append(text)
            }
        }
        let head = runs.first!.count
        let tail = runs.last!.count
        guard head + tail <= actual.count else { return escaped }
        var out = Array(escaped[..<head])
        var cursor = head
        let end = actual.count - tail
        for run in runs.dropFirst().dropLast() where !run.isEmpty {
            guard cursor + run.count <= end,
                let start = (cursor...(end - run.count)).first(where: {
                    Array(actual[$0..<($0 + run.count)]) == run
                })
            else { continue }
            out.append(Self.wildcard)
            out.append(contentsOf: run.map(Self.escape))
            cursor = start + run.count
        }
        out.append(Self.wildcard)
        out.append(contentsOf: escaped[end...])
        // A reply reduced to `...` alone would test nothing, and parsing refuses it: write the
        // reply instead.
        if out.allSatisfy({ $0 == Self.wildcard }) { return escaped }
        return out
    }

    /// One step of lining a pattern up with a reply, for showing a diff.
    public enum Edit: Sendable, Equatable {
        /// An expected line found in the reply (`element` indexes ``elements``).
        case same(element: Int, text: String)
        /// An expected line missing from the reply.
        case removed(element: Int, text: String)
        /// A reply line the pattern did not expect.
        case added(text: String)
        /// A `...` line and the reply lines it stood for.
        case skipped(element: Int, lines: [String])
    }

    /// The fewest added and removed lines that turn the pattern into the reply, with
    /// each `...` standing for as many lines as helps.
    public func alignment(with actual: [String]) -> [Edit] {
        let p = elements.count
        let a = actual.count
        // cost[i][j]: fewest edits to match elements[i...] against actual[j...].
        var cost = [[Int]](repeating: [Int](repeating: 0, count: a + 1), count: p + 1)
        for j in stride(from: a, through: 0, by: -1) { cost[p][j] = a - j }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for j in stride(from: a, through: 0, by: -1) {
                switch elements[i] {
                case .anyLines:
                    cost[i][j] = j < a ? min(cost[i + 1][j], cost[i][j + 1]) : cost[i + 1][j]
                case .line(let text):
                    var best = 1 + cost[i + 1][j]
                    if j < a {
                        best = min(best, 1 + cost[i][j + 1])
                        if actual[j] == text { best = min(best, cost[i + 1][j + 1]) }
                    }
                    cost[i][j] = best
                }
            }
        }
        var edits: [Edit] = []
        var i = 0
        var j = 0
        while i < p || j < a {
            guard i < p else {
                edits.append(.added(text: actual[j]))
                j += 1
                continue
            }
            switch elements[i] {
            case .anyLines:
                var consumed: [String] = []
                // Stand for as few lines as possible, so matching lines show as such.
                while j < a, cost[i + 1][j] != cost[i][j] {
                    consumed.append(actual[j])
                    j += 1
                }
                edits.append(.skipped(element: i, lines: consumed))
                i += 1
            case .line(let text):
                if j < a, actual[j] == text, cost[i][j] == cost[i + 1][j + 1] {
                    edits.append(.same(element: i, text: text))
                    i += 1
                    j += 1
                } else if cost[i][j] == 1 + cost[i + 1][j] {
                    edits.append(.removed(element: i, text: text))
                    i += 1
                } else {
                    edits.append(.added(text: actual[j]))
                    j += 1
                }
            }
        }
        return edits
    }
}
