/// Sorts scored places best first: the higher score first, equal scores in the order they came
/// in. Rankings list the places in file order before sorting, so equal scores end up by place,
/// the order every ranking of intents and answers is in.
///
/// Scores must be above zero (rankings hold only those): a positive double's bits rise with its
/// value, so the scores are sorted as integers. A few hundred of them (the answers ranked for
/// every question) are spread over as many buckets by the bits that tell them apart, then put in
/// order by insertion, which moves each only past the few in its bucket; keys crowded into a few
/// buckets are sorted by a radix sort of their bytes instead. The comparison sorts these replaced
/// (the standard library's, then a merge sort) spent most of their time on mispredicted branches,
/// and the radix sort alone on clearing and summing its counts of every byte.
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
            } else if !sortByBuckets(items, count: count) {
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

    /// Spreads the items over about as many buckets as there are items, by their keys'
    /// bits below those every key shares, each put in place among the few of its own bucket by
    /// insertion as it comes: the whole sort reads the items three times. False, with
    /// `items` as they were, when the keys crowd into a few buckets (insertion would then cost
    /// more than the radix sort).
    private static func sortByBuckets(_ items: UnsafeMutablePointer<RankedAnswer>, count: Int)
        -> Bool
    {
        var low = UInt64.max
        var high = UInt64.min
        for index in 0..<count {
            let key = ~items[index].score.bitPattern
            low = key < low ? key : low
            high = key > high ? key : high
        }
        let spread = high &- low
        // Every score the same: in the order they came, as they are.
        if spread == 0 { return true }
        let bucketBits = Int.bitWidth - (count - 1).leadingZeroBitCount
        let spreadBits = UInt64.bitWidth - spread.leadingZeroBitCount
        let shift = UInt64(max(0, spreadBits - bucketBits))
        let bucketCount = Int(truncatingIfNeeded: spread >> shift) + 1
        // Where each bucket begins, and where its next item goes.
        let begins = UnsafeMutablePointer<Int>.allocate(capacity: 2 * bucketCount)
        let ends = begins + bucketCount
        let spareItems = UnsafeMutablePointer<RankedAnswer>.allocate(capacity: count)
        defer {
            begins.deallocate()
            spareItems.deallocate()
        }
        begins.initialize(repeating: 0, count: bucketCount)
        for index in 0..<count {
            let key = ~items[index].score.bitPattern
            begins[Int(truncatingIfNeeded: (key &- low) &>> shift)] &+= 1
        }
        // Insertion moves an item past at most the others of its bucket: about the sum of the
        // buckets' squared sizes over two.
        var total = 0
        var moves = 0
        for bucket in 0..<bucketCount {
            let inBucket = begins[bucket]
            begins[bucket] = total
            (ends + bucket).initialize(to: total)
            total &+= inBucket
            moves &+= inBucket &* inBucket
        }
        if moves > Self.movesPerItemLimit * count { return false }
        // Each item goes to the end of its bucket, then by insertion past the lower scores
        // there: equal scores stay in the order they came.
        for index in 0..<count {
            let item = items[index]
            let bucket = Int(truncatingIfNeeded: (~item.score.bitPattern &- low) &>> shift)
            var hole = ends[bucket]
            ends[bucket] = hole &+ 1
            let begin = begins[bucket]
            while hole > begin && item.score > spareItems[hole &- 1].score {
                spareItems[hole] = spareItems[hole &- 1]
                hole &-= 1
            }
            spareItems[hole] = item
        }
        items.update(from: spareItems, count: count)
        return true
    }

    /// Above this many squared bucket sizes per item, the buckets are too crowded for insertion.
    private static let movesPerItemLimit = 8

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
