import MagnesiumUnderstanding

/// The order of every list of ranked answers the dialogue reads: best first, ties in the order the
/// answers are written. An answer is in a list once, so no two entries tie on both and the order
/// is total: however a list is brought into it, the result is the same list. That lets a list
/// whose scores changed be put back in order by merging, which costs far less than sorting it
/// whole (a question's list holds most of the ~400 answers, and is re-ordered several times).
enum RankedOrder {
    static func ranksBefore(_ first: RankedAnswer, _ second: RankedAnswer) -> Bool {
        first.score != second.score ? first.score > second.score : first.answer < second.answer
    }

    static func isInOrder(_ entries: [RankedAnswer]) -> Bool {
        entries.indices.dropFirst().allSatisfy { ranksBefore(entries[$0 - 1], entries[$0]) }
    }

    /// Moves the entry at `index` to the front on purpose, scored just above the one it passes: a
    /// later step that puts the list back in order (after setting some answers aside by a share
    /// of their score) keeps it there, where a swap alone was undone.
    static func putFirst(_ entries: inout [RankedAnswer], at index: Int) {
        guard index > 0, entries.indices.contains(index) else { return }
        var chosen = entries.remove(at: index)
        chosen.score = max(chosen.score, entries[0].score.nextUp)
        entries.insert(chosen, at: 0)
    }

    /// Puts the list in order.
    static func sort(_ entries: inout [RankedAnswer]) {
        // Already in order: the usual case when a bonus went to no answer.
        if isInOrder(entries) { return }
        entries.sort(by: ranksBefore)
    }

    /// Gives each entry that `newScore` scores anew its new score, then puts the list in order;
    /// false, and the list untouched, when it scores none anew.
    ///
    /// The entries left alone are still in order (when the list was), and the rescored ones nearly
    /// so (one bonus or share for all of them keeps their order but for ties): the two are merged.
    /// In place: the entries left alone are moved up to the front, then the rescored ones merged
    /// in from the back, so a list of ~400 is neither copied nor walked again to check its order.
    @inline(__always)
    static func rescore(
        _ entries: inout [RankedAnswer], _ newScore: (RankedAnswer) -> Double?
    ) -> Bool {
        var moved: [RankedAnswer] = []
        var keptCount = 0
        var keptInOrder = true
        entries.withUnsafeMutableBufferPointer { all in
            for index in all.indices {
                let entry = all[index]
                if let score = newScore(entry) {
                    moved.append(RankedAnswer(answer: entry.answer, score: score))
                } else {
                    if keptInOrder && keptCount > 0 && !ranksBefore(all[keptCount - 1], entry) {
                        keptInOrder = false
                    }
                    all[keptCount] = entry
                    keptCount += 1
                }
            }
        }
        guard !moved.isEmpty else { return false }
        guard keptInOrder else {
            // As `merged` does with kept entries out of order: all of them sorted together.
            entries.replaceSubrange(keptCount..., with: moved)
            entries.sort(by: ranksBefore)
            return true
        }
        sort(&moved)
        moved.withUnsafeBufferPointer { mergeFromTheBack($0, into: &entries, keptCount: keptCount) }
        return true
    }

    /// What ``rescore(_:classes:reusing:classOf:newScore:)`` keeps from call to call, so that no
    /// call allocates.
    struct ClassBuffers: Sendable {
        /// Each entry's class, by its place in the list.
        var classes: [UInt8] = []
        /// Room for three lists as long as the one rescored: the rescored entries, class after
        /// class, and two to merge them into in turn.
        var room: [RankedAnswer] = []
    }

    /// Gives each entry that `classOf` puts in a class above 0 (below `classes`, at most 255) the
    /// score `newScore` gives its score in that class, then puts the list in order; false, and
    /// the list untouched, when no entry is in a class above 0.
    ///
    /// Each class's scores change by the same steps, and every step (adding, multiplying, capping
    /// at 1) keeps scores in order or makes them tie: a class taken from a list in order is in
    /// order but for ties, put right by an insertion sort that costs one comparison per entry
    /// in order. The classes are merged with each other and then, from the back, with the entries
    /// left alone, as ``rescore(_:_:)`` does: a list of ~400 rescored in three ways at once is
    /// never sorted whole.
    @inline(__always)
    static func rescore(
        _ entries: inout [RankedAnswer], classes classCount: Int,
        reusing buffers: inout ClassBuffers,
        classOf: (RankedAnswer) -> Int, newScore: (Double, Int) -> Double
    ) -> Bool {
        let count = entries.count
        // Taken out while in use, so that writing to them copies nothing.
        var (classes, room) = (buffers.classes, buffers.room)
        buffers = ClassBuffers()
        defer { buffers = ClassBuffers(classes: classes, room: room) }
        if classes.count < count { classes = [UInt8](repeating: 0, count: count) }
        if room.count < 3 * count {
            room = [RankedAnswer](repeating: RankedAnswer(answer: 0, score: 0), count: 3 * count)
        }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: classCount + 1) { starts in
            starts.initialize(repeating: 0)
            // First each class's size, then where it starts among the rescored entries.
            entries.withUnsafeBufferPointer { all in
                classes.withUnsafeMutableBufferPointer { classes in
                    for index in 0..<count {
                        let group = classOf(all[index])
                        classes[index] = UInt8(group)
                        starts[group + 1] += 1
                    }
                }
            }
            let keptCount = starts[1]
            guard keptCount < count else { return false }
            starts[1] = 0
            for group in 1..<classCount { starts[group + 1] += starts[group] }
            return room.withUnsafeMutableBufferPointer { room in
                let keptInOrder = entries.withUnsafeMutableBufferPointer { all in
                    classes.withUnsafeBufferPointer { classes in
                        moveRescored(
                            all, classes: classes, into: room, starts: starts, newScore: newScore)
                    }
                }
                let merged = mergedClasses(
                    room, ends: starts, classes: classCount, listLength: count)
                assert(merged.count == count - keptCount)
                if keptInOrder {
                    mergeFromTheBack(
                        UnsafeBufferPointer(merged), into: &entries, keptCount: keptCount)
                } else {
                    // As `merged` does with kept entries out of order: all of them sorted together.
                    entries.replaceSubrange(keptCount..., with: merged)
                    entries.sort(by: ranksBefore)
                }
                return true
            }
        }
    }

    /// Each entry in a class above 0 rescored into `room` at its class's next place (`starts`
    /// moves on), the rest kept at the front of `all` in their order; whether those were in order.
    @inline(__always)
    private static func moveRescored(
        _ all: UnsafeMutableBufferPointer<RankedAnswer>, classes: UnsafeBufferPointer<UInt8>,
        into room: UnsafeMutableBufferPointer<RankedAnswer>,
        starts: UnsafeMutableBufferPointer<Int>, newScore: (Double, Int) -> Double
    ) -> Bool {
        var keptInOrder = true
        var kept = 0
        for index in 0..<all.count {
            let entry = all[index]
            let group = Int(classes[index])
            if group != 0 {
                room[starts[group]] = RankedAnswer(
                    answer: entry.answer, score: newScore(entry.score, group))
                starts[group] += 1
            } else {
                if keptInOrder && kept > 0 && !ranksBefore(all[kept - 1], entry) {
                    keptInOrder = false
                }
                all[kept] = entry
                kept += 1
            }
        }
        return keptInOrder
    }

    /// The rescored entries, each class sorted and all merged one after another, in `room`
    /// (three times `listLength` long), where each class ends where `ends` says the next starts.
    @inline(__always)
    private static func mergedClasses(
        _ room: UnsafeMutableBufferPointer<RankedAnswer>, ends: UnsafeMutableBufferPointer<Int>,
        classes classCount: Int, listLength count: Int
    ) -> UnsafeMutableBufferPointer<RankedAnswer> {
        var merged = UnsafeMutableBufferPointer(rebasing: room[0..<0])
        var target = count
        var end = 0
        for group in 1..<classCount where ends[group] > end {
            let members = UnsafeMutableBufferPointer(rebasing: room[end..<ends[group]])
            end = ends[group]
            sortByInsertion(members)
            if merged.isEmpty {
                merged = members
            } else {
                let into = UnsafeMutableBufferPointer(
                    rebasing: room[target..<target + merged.count + members.count])
                merge(UnsafeBufferPointer(merged), UnsafeBufferPointer(members), into: into)
                merged = into
                target = target == count ? 2 * count : count
            }
        }
        return merged
    }

    /// `first` and `second`, both in order, merged in order into `result`, which holds both.
    private static func merge(
        _ first: UnsafeBufferPointer<RankedAnswer>, _ second: UnsafeBufferPointer<RankedAnswer>,
        into result: UnsafeMutableBufferPointer<RankedAnswer>
    ) {
        var (firstIndex, secondIndex, place) = (0, 0, 0)
        while firstIndex < first.count && secondIndex < second.count {
            if ranksBefore(second[secondIndex], first[firstIndex]) {
                result[place] = second[secondIndex]
                secondIndex += 1
            } else {
                result[place] = first[firstIndex]
                firstIndex += 1
            }
            place += 1
        }
        while firstIndex < first.count {
            result[place] = first[firstIndex]
            (firstIndex, place) = (firstIndex + 1, place + 1)
        }
        while secondIndex < second.count {
            result[place] = second[secondIndex]
            (secondIndex, place) = (secondIndex + 1, place + 1)
        }
    }

    /// Sorts by moving each entry back past those it ranks before: one comparison for an entry
    /// already in place.
    private static func sortByInsertion(_ entries: UnsafeMutableBufferPointer<RankedAnswer>) {
        guard entries.count > 1 else { return }
        for next in 1..<entries.count {
            let entry = entries[next]
            var hole = next
            while hole > 0 && ranksBefore(entry, entries[hole - 1]) {
                entries[hole] = entries[hole - 1]
                hole -= 1
            }
            entries[hole] = entry
        }
    }

    /// Merges `moved`, in order, with the first `keptCount` entries, in order, filling the list
    /// (which has room for both after them).
    private static func mergeFromTheBack(
        _ moved: UnsafeBufferPointer<RankedAnswer>, into entries: inout [RankedAnswer],
        keptCount: Int
    ) {
        entries.withUnsafeMutableBufferPointer { all in
            // From the back: the last place takes whichever of the two last entries ranks after
            // the other. The order is total, so this is the list a merge from the front gives,
            // and no kept entry is overwritten before it is moved.
            var (place, keptIndex, movedIndex) = (all.count - 1, keptCount - 1, moved.count - 1)
            while movedIndex >= 0 {
                if keptIndex >= 0 && ranksBefore(moved[movedIndex], all[keptIndex]) {
                    all[place] = all[keptIndex]
                    keptIndex -= 1
                } else {
                    all[place] = moved[movedIndex]
                    movedIndex -= 1
                }
                place -= 1
            }
        }
    }

    /// `kept` and `moved` together, in order. Cheapest when `kept` is in order and `moved` short or
    /// nearly in order; right whatever order either is in.
    static func merged(_ kept: [RankedAnswer], _ moved: [RankedAnswer]) -> [RankedAnswer] {
        guard isInOrder(kept) else {
            var all = kept + moved
            all.sort(by: ranksBefore)
            return all
        }
        var moved = moved
        sort(&moved)
        return [RankedAnswer](unsafeUninitializedCapacity: kept.count + moved.count) {
            result, initialized in
            kept.withUnsafeBufferPointer { kept in
                moved.withUnsafeBufferPointer { moved in
                    merge(kept, moved, into: result)
                }
            }
            initialized = kept.count + moved.count
        }
    }
}
