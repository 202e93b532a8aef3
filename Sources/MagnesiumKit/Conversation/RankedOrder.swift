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
    static func rescore(
        _ entries: inout [RankedAnswer], _ newScore: (RankedAnswer) -> Double?
    ) -> Bool {
        var kept: [RankedAnswer] = []
        var moved: [RankedAnswer] = []
        kept.reserveCapacity(entries.count)
        for entry in entries {
            if let score = newScore(entry) {
                moved.append(RankedAnswer(answer: entry.answer, score: score))
            } else {
                kept.append(entry)
            }
        }
        guard !moved.isEmpty else { return false }
        entries = merged(kept, moved)
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
