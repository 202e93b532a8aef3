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
        moved.withUnsafeBufferPointer { moved in
            entries.withUnsafeMutableBufferPointer { all in
                // From the back: the last place takes whichever of the two last entries ranks
                // after the other. The order is total, so this is the list a merge from the front
                // gives, and no kept entry is overwritten before it is moved.
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
        return true
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
        var result: [RankedAnswer] = []
        result.reserveCapacity(kept.count + moved.count)
        var (keptIndex, movedIndex) = (0, 0)
        while keptIndex < kept.count && movedIndex < moved.count {
            if ranksBefore(moved[movedIndex], kept[keptIndex]) {
                result.append(moved[movedIndex])
                movedIndex += 1
            } else {
                result.append(kept[keptIndex])
                keptIndex += 1
            }
        }
        result += kept[keptIndex...]
        result += moved[movedIndex...]
        return result
    }
}
