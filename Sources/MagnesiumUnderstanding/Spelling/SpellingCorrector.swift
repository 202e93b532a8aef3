import MagnesiumKnowledge
import MagnesiumText
import Synchronization

/// Corrects misspelt words against the graph's own vocabulary.
///
/// Only words that are not already known (domain words, phrasing words and
/// ordinary English words) are corrected, and only within an edit distance
/// that grows with word length; a transposition counts as one edit.
public struct SpellingCorrector: Sendable {
    /// Words that are never corrected, in ascending order: looked up by halving the list, so
    /// that a start-up hashes none of its thousands of words into a set.
    private let known: [String]
    /// Words a misspelling may be corrected to, bucketed when a first word needs correcting: most
    /// questions have no misspelling, and the first answer need not wait for them.
    private let targets: Targets

    /// One length's targets, field by field: the scan reads only the masks and first letters of
    /// nearly every word, and copying whole entries (retaining their word and bytes) cost more
    /// than the test.
    private struct Bucket {
        var words: [String] = []
        var bytes: [[UInt8]] = []
        var letters: [UInt32] = []
        var firstBytes: [UInt8?] = []

        mutating func append(_ word: String, _ wordBytes: [UInt8], _ mask: UInt32) {
            words.append(word)
            bytes.append(wordBytes)
            letters.append(mask)
            firstBytes.append(wordBytes.first)
        }
    }

    /// The targets, and their buckets by length once some correction has asked for them.
    private final class Targets: Sendable {
        private let words: [String]
        private let buckets = Mutex<[Int: Bucket]?>(nil)

        init(_ words: [String]) { self.words = words }

        var byLength: [Int: Bucket] {
            buckets.withLock { built in
                if let built { return built }
                let made = Self.buckets(of: words)
                built = made
                return made
            }
        }

        private static func buckets(of targets: [String]) -> [Int: Bucket] {
            var buckets: [Int: Bucket] = [:]
            for word in SpellingCorrector.ascending(targets) {
                let bytes = Array(word.utf8)
                // In ASCII a character is a byte, and counting bytes is cheaper than counting
                // characters.
                let length = bytes.allSatisfy { $0 < 0x80 } ? bytes.count : word.count
                buckets[length, default: Bucket()].append(
                    word, bytes, SpellingCorrector.letterMask(word.utf8))
            }
            return buckets
        }
    }

    public init(domainWords: [String], otherKnownWords: [String]) {
        let targets = Self.targets(from: domainWords)
        self.init(knownWords: Array(targets.union(otherKnownWords)), targets: Array(targets))
    }

    /// A corrector from word lists worked out before (``targets(from:)`` and every other known
    /// word).
    init(knownWords: [String], targets: [String]) {
        self.known = Self.ascending(knownWords)
        self.targets = Targets(targets)
    }

    /// The words in ascending order. The compiled cache hands them over sorted already, and
    /// sorting them again cost a start-up more than checking.
    private static func ascending(_ words: [String]) -> [String] {
        zip(words, words.dropFirst()).allSatisfy { $0 <= $1 } ? words : words.sorted()
    }

    /// The words a misspelling may be corrected to: letters only, three or more.
    static func targets<Words: Sequence<String>>(from words: Words) -> Set<String> {
        Set(words.filter { $0.count >= 3 && $0.allSatisfy(\.isLetter) })
    }

    public func isKnown(_ word: String) -> Bool {
        var low = 0
        var high = known.count
        while low < high {
            let middle = (low + high) / 2
            if known[middle] < word { low = middle + 1 } else { high = middle }
        }
        return low < known.count && known[low] == word
    }

    /// The most edits allowed for a word of this length.
    public static func allowedEdits(forLength length: Int) -> Int {
        switch length {
        case ..<4: 0
        case 4...5: 1
        case 6...9: 2
        default: 3
        }
    }

    /// The closest known word, or nil when the word is known, too short, or nothing is close
    /// enough.
    public func correction(for word: String) -> String? { corrections(for: word).first }

    /// Every known word at the smallest distance (alphabetical), or none.
    public func corrections(for word: String) -> [String] {
        guard !isKnown(word), word.count <= 40,
            word.allSatisfy({ $0.isLetter && $0.isASCII })
        else { return [] }
        let length = word.count
        let limit = Self.allowedEdits(forLength: length)
        guard limit > 0 else { return [] }
        let letters = Array(word.utf8)
        let mask = Self.letterMask(word.utf8)
        var bestDistance = Int.max
        var best: [String] = []
        let targetsByLength = targets.byLength
        for candidateLength in (length - limit)...(length + limit) {
            guard let bucket = targetsByLength[candidateLength] else { continue }
            let first = letters.first
            for candidate in bucket.letters.indices {
                // Allow a larger distance only when the first letter agrees: people rarely mistype
                // it.
                let bound = bucket.firstBytes[candidate] == first ? limit : min(limit, 1)
                let cap = min(bound, bestDistance)
                // Each edit changes the set of letters used by at most two letters: a cheap test
                // that rules out nearly every word before the distance is computed.
                guard cap > 0, (mask ^ bucket.letters[candidate]).nonzeroBitCount <= 2 * cap,
                    let distance = Self.distance(letters, bucket.bytes[candidate], limit: cap)
                else { continue }
                if distance < bestDistance {
                    bestDistance = distance
                    best = [bucket.words[candidate]]
                } else if distance == bestDistance {
                    best.append(bucket.words[candidate])
                }
            }
        }
        return best.sorted()
    }

    static func letterMask(_ bytes: String.UTF8View) -> UInt32 {
        var mask: UInt32 = 0
        for byte in bytes where byte >= 97 && byte <= 122 { mask |= 1 << UInt32(byte - 97) }
        return mask
    }

    /// Optimal-string-alignment distance, or nil once it is sure to exceed `limit`.
    package static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        let n = a.count
        let m = b.count
        var before = [Int](repeating: 0, count: m + 1)
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(m, 1) where m > 0 {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            (before, previous, current) = (previous, current, before)
        }
        let result = previous[m]
        return result <= limit ? result : nil
    }
}
