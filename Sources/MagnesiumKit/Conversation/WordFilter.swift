/// Rules a word out of a small fixed list of words by its length and first byte, before the list
/// is searched: the dialogue asks whether each word of every line is a relative, a pronoun, a word
/// for a baby and so on, most words are none of them, and hashing each costs far more than two
/// bit tests.
///
/// Exact: a word it rules out is not in the list. Swift compares strings by canonical equivalence,
/// so a word of other bytes could equal a listed one; for a list of plain ASCII words without the
/// three ASCII characters another character is canonically equal to (`K`, `;`, `` ` ``), an equal
/// word has the same bytes. Any other list lets every word through.
struct WordFilter: Sendable {
    /// Bit n: some word has n bytes (bit 63: 63 or more).
    private let lengths: UInt64
    /// Bit b: some word starts with the ASCII byte b (an empty word sets none).
    private let firstBytes: (low: UInt64, high: UInt64)
    private let exact: Bool

    init(_ words: some Sequence<String>) {
        var lengths: UInt64 = 0
        var firstBytes: (low: UInt64, high: UInt64) = (0, 0)
        var exact = true
        for word in words {
            lengths |= 1 << UInt64(min(word.utf8.count, 63))
            if word.utf8.contains(where: { $0 >= 0x80 || $0 == 0x4B || $0 == 0x3B || $0 == 0x60 }) {
                exact = false
            }
            guard let first = word.utf8.first, first < 0x80 else { continue }
            if first < 64 {
                firstBytes.low |= 1 << UInt64(first)
            } else {
                firstBytes.high |= 1 << UInt64(first - 64)
            }
        }
        self.lengths = lengths
        self.firstBytes = firstBytes
        self.exact = exact
    }

    /// False only when `word` is not in the list.
    func mayContain(_ word: String) -> Bool {
        guard exact else { return true }
        let utf8 = word.utf8
        guard lengths & (1 << UInt64(min(utf8.count, 63))) != 0 else { return false }
        guard let first = utf8.first else { return true }
        // A word starting with a byte outside ASCII is left to the list.
        if first >= 0x80 { return true }
        return first < 64
            ? firstBytes.low & (1 << UInt64(first)) != 0
            : firstBytes.high & (1 << UInt64(first - 64)) != 0
    }
}

/// A fixed set of words searched through a ``WordFilter`` first.
struct FilteredWords: Sendable {
    let words: Set<String>
    private let filter: WordFilter

    init(_ words: Set<String>) {
        self.words = words
        filter = WordFilter(words)
    }

    func contains(_ word: String) -> Bool { filter.mayContain(word) && words.contains(word) }
}

/// A fixed table keyed by words, searched through a ``WordFilter`` first.
struct FilteredWordTable<Value: Sendable>: Sendable {
    let table: [String: Value]
    private let filter: WordFilter

    init(_ table: [String: Value]) {
        self.table = table
        filter = WordFilter(table.keys)
    }

    subscript(_ word: String) -> Value? { filter.mayContain(word) ? table[word] : nil }
}
