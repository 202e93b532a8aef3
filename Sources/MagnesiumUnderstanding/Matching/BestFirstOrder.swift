/// Sorts scored places best first: the higher score first, equal scores in the order they came
/// in. Rankings list the places in file order before sorting, so equal scores end up by place,
/// the order every ranking of intents and answers is in.
///
/// Scores must be above zero (rankings hold only those): a positive double's bits rise with its
/// value, so the scores are sorted as integers, a radix sort of their bytes, least significant
/// first. That does no comparisons: the comparison sorts it replaced (the standard library's, then
/// a merge sort) spent most of their time on mispredicted branches over the few hundred answers
/// ranked for every question.
enum BestFirstOrder {
    /// Up to this many are sorted by insertion: clearing and summing the byte counts would cost
    /// more (an intent ranking holds a few dozen, an answer ranking a few hundred).
    static let insertionLimit = 96
    /// Bits per digit of the radix sort, and the digits of a 64-bit key.
    private static let digitBits = 8
    private static let digitCount = 64 / digitBits
    private static let bucketCount = 1 << digitBits

    /// Sorts `items`, all with scores above zero, best first; equal scores keep their order.
    static func sort(_ items: inout [RankedAnswer]) {
        let count = items.count
        guard count > 1 else { return }
        items.withUnsafeMutableBufferPointer { buffer in
            guard let items = buffer.baseAddress else { return }
            if count <= insertionLimit {
                sortByInsertion(items, count: count)
            } else {
                sortByRadix(items, count: count)
            }
        }
    }

    private static func sortByInsertion(_ items: UnsafeMutablePointer<RankedAnswer>, count: Int) {
        for next in 1..<count {
            let item = items[next]
            var hole = next
            while hole > 0 && item.score > items[hole - 1].score {
                items[hole] = items[hole - 1]
                hole -= 1
            }
            items[hole] = item
        }
    }

    /// Least significant digit first, each pass stable; the key is the score's bits inverted, so
    /// rising keys are falling scores. A digit every key shares is passed over.
    private static func sortByRadix(_ items: UnsafeMutablePointer<RankedAnswer>, count: Int) {
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * count)
        let spareItems = UnsafeMutablePointer<RankedAnswer>.allocate(capacity: count)
        let buckets = UnsafeMutablePointer<Int>.allocate(capacity: digitCount * bucketCount)
        defer {
            keys.deallocate()
            spareItems.deallocate()
            buckets.deallocate()
        }
        buckets.initialize(repeating: 0, count: digitCount * bucketCount)
        let mask = UInt64(bucketCount - 1)
        // Every digit's counts in one reading of the keys.
        for index in 0..<count {
            let key = ~items[index].score.bitPattern
            keys[index] = key
            for digit in 0..<digitCount {
                buckets[digit * bucketCount + Int((key >> UInt64(digit * digitBits)) & mask)] &+= 1
            }
        }
        spareItems.initialize(from: items, count: count)
        (keys + count).initialize(repeating: 0, count: count)
        var sourceKeys = keys
        var targetKeys = keys + count
        var sourceItems = items
        var targetItems = spareItems
        for digit in 0..<digitCount {
            let shift = UInt64(digit * digitBits)
            let starts = buckets + digit * bucketCount
            if starts[Int((sourceKeys[0] >> shift) & mask)] == count { continue }
            var total = 0
            for bucket in 0..<bucketCount {
                let inBucket = starts[bucket]
                starts[bucket] = total
                total &+= inBucket
            }
            for index in 0..<count {
                let key = sourceKeys[index]
                let bucket = Int((key >> shift) & mask)
                let place = starts[bucket]
                starts[bucket] = place &+ 1
                targetKeys[place] = key
                targetItems[place] = sourceItems[index]
            }
            swap(&sourceKeys, &targetKeys)
            swap(&sourceItems, &targetItems)
        }
        if sourceItems != items { items.update(from: sourceItems, count: count) }
    }
}
