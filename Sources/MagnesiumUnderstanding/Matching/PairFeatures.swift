/// The classifier's word-pair features: ``IntentClassifier/pairKey(_:_:)`` to feature id, as
/// two columns sorted by key and searched by halving.
///
/// A dictionary of ten thousand pairs cost a tenth of a start-up's main thread to rebuild from
/// the compiled cache, hashing every key; these columns are read back as they were written (the
/// encoder lists pairs by key), and a question looks up only a handful of pairs.
struct PairFeatures: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// Ascending, no key twice.
    private let keys: [Int]
    private let ids: [Int]

    /// The pairs of a dictionary, in key order.
    init(_ features: [Int: Int]) {
        let sorted = features.sorted { $0.key < $1.key }
        keys = sorted.map(\.key)
        ids = sorted.map(\.value)
    }

    init(dictionaryLiteral elements: (Int, Int)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { first, _ in first }))
    }

    /// Columns already in key order; nil unless every key is above the one before it (which also
    /// rules out a key listed twice) and there is an id per key.
    init?(ascendingKeys keys: [Int], ids: [Int]) {
        guard keys.count == ids.count else { return nil }
        for index in keys.indices.dropFirst() where keys[index - 1] >= keys[index] { return nil }
        self.keys = keys
        self.ids = ids
    }

    var count: Int { keys.count }

    /// The feature id of the pair `key`, if the examples have that pair.
    subscript(key: Int) -> Int? {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key ? ids[low] : nil
    }

    /// The pairs in key order.
    func makeIterator() -> some IteratorProtocol<(key: Int, value: Int)> {
        zip(keys, ids).lazy.map { (key: $0, value: $1) }.makeIterator()
    }
}
